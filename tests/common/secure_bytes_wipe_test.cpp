// SPDX-License-Identifier: Apache-2.0
// SecureBytes wipes its buffer before the buffer goes back to the heap: on destruction, on
// clear(), on shrinking, when growing moves it, when assigned over. Seen from the one place that
// can look at a buffer as it is released without reading freed memory: the program's replacement of
// the global operator delete ([replacement.functions]), which copies the watched block's octets
// just before freeing it. A plain std::vector, which does not wipe, shows that the watch sees what
// is left in a buffer.
#include "core/common/secure_bytes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

namespace {

/// The block being watched and what it held when it was released. Plain globals: operator
/// delete runs everywhere, long before and after main, and must not allocate.
struct Watch {
    const void *block = nullptr;
    std::size_t size = 0;
    bool released = false;
    std::array<unsigned char, 256> seen{};
};
Watch g_watch;

void arm(const void *block, std::size_t size) {
    ASSERT_LE(size, g_watch.seen.size());
    g_watch.block = block;
    g_watch.size = size;
    g_watch.released = false;
    g_watch.seen.fill(0xee);
}

void noteRelease(void *p) noexcept {
    if (p != nullptr && p == g_watch.block) {
        // The block is still allocated here: reading its octets is reading our own storage.
        std::copy_n(static_cast<const unsigned char *>(p), g_watch.size, g_watch.seen.begin());
        g_watch.released = true;
        g_watch.block = nullptr;
    }
}

bool seenAll(unsigned char value) {
    return std::all_of(g_watch.seen.begin(), g_watch.seen.begin() + g_watch.size,
                       [value](unsigned char c) { return c == value; });
}

} // namespace

// The replaceable global allocation functions, on malloc/free like the library's own; the
// array, nothrow and sized forms of the library forward to these.
void *operator new(std::size_t size) {
    if (void *p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept {
    noteRelease(p);
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
    noteRelease(p);
    std::free(p);
}

using m2mbench::SecureBytes;

TEST(SecureBytesWipe, TheWatchSeesWhatAPlainVectorLeavesBehind) {
    auto *plain = new std::vector<unsigned char>(32, 0x5a);
    arm(plain->data(), plain->size());

    delete plain;

    ASSERT_TRUE(g_watch.released);
    EXPECT_TRUE(seenAll(0x5a)); // an unwiped buffer goes back to the heap as it was
}

TEST(SecureBytesWipe, DestructionWipesTheBufferBeforeReleasingIt) {
    auto *key = new SecureBytes(SecureBytes::fromByteArray(QByteArray(32, '\x5a')));
    arm(key->data(), key->size());

    delete key;

    ASSERT_TRUE(g_watch.released);
    EXPECT_TRUE(seenAll(0x00));
}

TEST(SecureBytesWipe, ClearWipesTheBufferItKeeps) {
    auto *key = new SecureBytes(SecureBytes::fromByteArray(QByteArray(32, '\x5a')));
    const std::uint8_t *block = key->data();

    key->clear();
    // clear() keeps the allocation; an empty SecureBytes has nothing left to wipe, so whatever
    // clear() left in the block is what the heap gets back when the object goes.
    EXPECT_TRUE(key->isEmpty());
    arm(block, 32);
    delete key;

    ASSERT_TRUE(g_watch.released);
    EXPECT_TRUE(seenAll(0x00));
}

TEST(SecureBytesWipe, ShrinkingWipesTheDroppedTail) {
    auto *key = new SecureBytes(SecureBytes::fromByteArray(QByteArray(32, '\x5a')));
    const std::uint8_t *block = key->data();

    key->resize(8);
    // The block stays; destruction wipes the 8 octets left, so the other 24 are as resize()
    // left them.
    EXPECT_EQ(key->size(), 8u);
    EXPECT_EQ(key->data(), block);
    EXPECT_EQ(key->data()[7], 0x5a);
    arm(block, 32);
    delete key;

    ASSERT_TRUE(g_watch.released);
    EXPECT_TRUE(seenAll(0x00));
}

TEST(SecureBytesWipe, GrowingWipesTheBufferItLeaves) {
    SecureBytes key = SecureBytes::fromByteArray(QByteArray(16, '\x5a'));
    arm(key.data(), key.size());

    key.append(SecureBytes::fromByteArray(QByteArray(64, '\x5b')).span());

    ASSERT_TRUE(g_watch.released); // 80 octets do not fit: the old block was released
    EXPECT_TRUE(seenAll(0x00));
    EXPECT_EQ(key.size(), 80u);
    EXPECT_EQ(key.data()[0], 0x5a);
    EXPECT_EQ(key.data()[79], 0x5b);
}

TEST(SecureBytesWipe, AssignmentWipesTheValueItReplaces) {
    SecureBytes key = SecureBytes::fromByteArray(QByteArray(32, '\x5a'));
    const SecureBytes other = SecureBytes::fromByteArray(QByteArray(48, '\x5b'));
    arm(key.data(), key.size());

    key = SecureBytes::fromByteArray(QByteArray(40, '\x5c')); // move assignment
    key = other;                                              // copy assignment

    ASSERT_TRUE(g_watch.released);
    EXPECT_TRUE(seenAll(0x00));
    EXPECT_TRUE(key.equals(other));
}
