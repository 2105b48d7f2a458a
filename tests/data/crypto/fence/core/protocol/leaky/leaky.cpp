// SPDX-License-Identifier: Apache-2.0
// A fixture for the crypto_fence_selftest: never compiled. The fence must name lines 5 and 6.
namespace fixture {
int fine() { return 0; } // HMAC-SHA-256 in a comment is fine
int bad() { return EVP_MD_size(EVP_sha256()); }
unsigned char *worse() { return HMAC(nullptr, nullptr, 0, nullptr, 0, nullptr, nullptr); }
} // namespace fixture
