// SPDX-License-Identifier: Apache-2.0
#include "core/common/hex.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;

TEST(Hex, RoundTripsBytes) {
    const QByteArray bytes("\x00\x01\xfe\xff", 4);

    const QString text = toHex(bytes);

    EXPECT_EQ(text, QStringLiteral("0001feff"));
    EXPECT_EQ(fromHex(text).value(), bytes);
}

TEST(Hex, AcceptsUpperCaseAndSeparators) {
    EXPECT_EQ(fromHex(u"AB:cd EF").value(), QByteArray("\xab\xcd\xef"));
}

TEST(Hex, RejectsOddLengthAndBadCharacters) {
    const auto odd = fromHex(u"abc");
    const auto bad = fromHex(u"zz");

    ASSERT_FALSE(odd);
    EXPECT_TRUE(odd.error().message.contains(QLatin1String("odd")));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.contains(QLatin1String("position 0")));
}

TEST(Hex, DumpShowsOffsetsHexAndAscii) {
    const QString dump = hexDump(QByteArray("GET / HTTP/1.1\r\nHost: x\r\n"));

    EXPECT_TRUE(dump.startsWith(QLatin1String("0000  47 45 54 20")));
    EXPECT_TRUE(dump.contains(QLatin1String("GET / HTTP/1.1..")));
    EXPECT_TRUE(dump.contains(QLatin1String("0010  ")));
}

TEST(Hex, DumpTruncatesOnRequest) {
    EXPECT_TRUE(hexDump(QByteArray(100, 'a'), 16).contains(QLatin1String("84 more bytes")));
}
