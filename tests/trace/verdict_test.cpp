// SPDX-License-Identifier: Apache-2.0
#include "core/trace/verdict.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;

TEST(Verdict, OnlyGetsWorse) {
    EXPECT_EQ(worse(Verdict::None, Verdict::Pass), Verdict::Pass);
    EXPECT_EQ(worse(Verdict::Pass, Verdict::Inconc), Verdict::Inconc);
    EXPECT_EQ(worse(Verdict::Fail, Verdict::Pass), Verdict::Fail);
    EXPECT_EQ(worse(Verdict::Fail, Verdict::Inconc), Verdict::Fail);
    EXPECT_EQ(worse(Verdict::Error, Verdict::Fail), Verdict::Error);
}

TEST(Verdict, NamesRoundTrip) {
    for (Verdict v :
         {Verdict::None, Verdict::Pass, Verdict::Inconc, Verdict::Fail, Verdict::Error}) {
        EXPECT_EQ(verdictFromName(verdictName(v)), v);
    }
    EXPECT_FALSE(verdictFromName(u"passed"));
}
