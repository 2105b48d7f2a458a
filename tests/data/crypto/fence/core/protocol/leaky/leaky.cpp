// SPDX-License-Identifier: Apache-2.0
// A fixture for the crypto_fence_selftest: never compiled. The fence must name lines 9 and 13,
// not line 5 (HMAC-SHA-256 and hmacSha256 are names, fine anywhere).
namespace fixture {
int fine() { // HMAC-SHA-256 through hmacSha256()
    return 0;
}
int bad() {
    return EVP_MD_size(EVP_sha256());
}
unsigned char *worse() {
    static unsigned char out[32];
    return HMAC(nullptr, nullptr, 0, nullptr, 0, out, nullptr);
}
} // namespace fixture
