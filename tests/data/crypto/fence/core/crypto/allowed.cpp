// SPDX-License-Identifier: Apache-2.0
// A fixture for the crypto_fence_selftest: never compiled. Inside core/crypto EVP_* is allowed.
int allowed() {
    return EVP_MD_size(EVP_sha256());
}
