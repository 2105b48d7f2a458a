// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/random.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

TEST(SeededRandomSource, TheSameSeedGivesTheSameStreamWhateverTheChunking) {
    SeededRandomSource whole(7);
    SeededRandomSource pieces(7);

    const QByteArray all = whole.bytes(100);
    QByteArray parts = pieces.bytes(1); // one call per statement: operand order is unspecified
    parts += pieces.bytes(40);
    parts += pieces.bytes(59);

    EXPECT_EQ(all, parts);
}

TEST(SeededRandomSource, IsTheDocumentedHmacCounterStream) {
    SeededRandomSource random(7);
    const QByteArray seed = be32(0) + be32(7);
    const QByteArray block0 =
        refHmacSha256(seed, QByteArrayLiteral("m2mbench seeded random") + be32(0) + be32(0));
    const QByteArray block1 =
        refHmacSha256(seed, QByteArrayLiteral("m2mbench seeded random") + be32(0) + be32(1));

    EXPECT_EQ(random.bytes(64), block0 + block1);
}

TEST(SeededRandomSource, DifferentSeedsGiveDifferentStreams) {
    SeededRandomSource a(1);
    SeededRandomSource b(2);

    EXPECT_NE(a.bytes(32), b.bytes(32));
}

TEST(OsRandomSource, TwoDrawsDiffer) {
    const QByteArray first = OsRandomSource::instance().bytes(32);
    const QByteArray second = OsRandomSource::instance().bytes(32);

    EXPECT_EQ(first.size(), 32);
    EXPECT_NE(first, second);
    EXPECT_NE(first, QByteArray(32, '\0'));
}

} // namespace
} // namespace m2mbench::crypto::test
