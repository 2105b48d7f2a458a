// SPDX-License-Identifier: Apache-2.0
#include "core/common/secure_bytes.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace m2mbench;

TEST(SecureBytes, ComparesInConstantTimeByValue) {
    const SecureBytes a = SecureBytes::fromByteArray(QByteArray("key-material"));
    const SecureBytes b = SecureBytes::fromByteArray(QByteArray("key-material"));
    const SecureBytes c = SecureBytes::fromByteArray(QByteArray("key-materiaL"));

    EXPECT_TRUE(a.equals(b));
    EXPECT_FALSE(a.equals(c));
    EXPECT_FALSE(a.equals(SecureBytes::fromByteArray(QByteArray("key"))));
}

TEST(SecureBytes, ExposesOnlyOnRequest) {
    const SecureBytes k = SecureBytes::fromByteArray(QByteArray("\x01\x02", 2));

    EXPECT_EQ(k.exposeHex(), QStringLiteral("0102"));
    EXPECT_EQ(k.exposeBytes(), QByteArray("\x01\x02", 2));
}

// Wiping on destruction, clear(), resize(), growth and assignment: secure_bytes_wipe_test.cpp.

TEST(SecureBytes, MovedFromIsEmpty) {
    SecureBytes a = SecureBytes::fromByteArray(QByteArray("abc"));

    SecureBytes b = std::move(a);

    EXPECT_EQ(b.size(), 3u);
    EXPECT_TRUE(a.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
}

TEST(SecureBytes, MidAndLeftStayInRange) {
    const SecureBytes k = SecureBytes::fromByteArray(QByteArray("0123456789"));

    EXPECT_EQ(k.left(3).exposeBytes(), QByteArray("012"));
    EXPECT_EQ(k.mid(7, 3).exposeBytes(), QByteArray("789"));
    EXPECT_TRUE(k.mid(8, 3).isEmpty());
    EXPECT_TRUE(k.mid(11, 0).isEmpty());
}

TEST(ConstantTimeEquals, DiffersOnLength) {
    EXPECT_FALSE(constantTimeEquals(QByteArray("ab"), QByteArray("abc")));
    EXPECT_TRUE(constantTimeEquals(QByteArray(), QByteArray()));
}
