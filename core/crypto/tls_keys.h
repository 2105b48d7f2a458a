// SPDX-License-Identifier: Apache-2.0
#pragma once

// Key material out of TLS: the TLS 1.2 PRF (RFC 5246 §5), RFC 5705 / RFC 8446 exporters through
// SSL_export_keying_material, and EAP-TLS's MSK / EMSK (RFC 5216 §2.3 for TLS 1.2, RFC 9190 §2.3
// for TLS 1.3).

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

typedef struct ssl_st SSL; // NOLINT(modernize-use-using): must match OpenSSL's own declaration

namespace m2mbench::crypto {

enum class PrfHash { Sha256, Sha384 };

/// TLS 1.2 PRF: P_hash(secret, label || seed), `length` octets (OpenSSL "TLS1-PRF").
Result<SecureBytes> tls12Prf(const SecureBytes &secret, const QByteArray &label,
                             const QByteArray &seed, int length, PrfHash hash = PrfHash::Sha256);

/// SSL_export_keying_material on an established connection. `context` absent means "no
/// context" (RFC 5705), which differs from an empty context in TLS 1.2.
Result<SecureBytes> exportKeyingMaterial(SSL *ssl, const QByteArray &label,
                                         const std::optional<QByteArray> &context, int length);

/// The EAP-TLS labels and the EAP Type-Code used as TLS 1.3 context.
inline constexpr char kEapTlsLabel[] = "client EAP encryption";
inline constexpr char kEapTls13Label[] = "EXPORTER_EAP_TLS_Key_Material";
inline constexpr quint8 kEapTlsTypeCode = 0x0d;
inline constexpr int kEapTlsKeyMaterialLength = 128;

/// MSK = Key_Material[0..63], EMSK = Key_Material[64..127].
struct EapTlsKeys {
    SecureBytes msk;
    SecureBytes emsk;
};

/// Splits 128 octets of Key_Material into MSK and EMSK.
Result<EapTlsKeys> splitEapTlsKeyMaterial(const SecureBytes &keyMaterial);

/// EAP-TLS keys of an established connection: for TLS 1.2 and below
/// TLS-PRF(master_secret, "client EAP encryption", client.random || server.random);
/// for TLS 1.3 TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", 0x0D, 128).
Result<EapTlsKeys> eapTlsKeys(SSL *ssl);

/// The TLS 1.2 construction from its parts (e.g. a master secret out of an NSS key log). `hash`
/// is the PRF hash of the negotiated cipher suite (SHA-384 for the *_SHA384 suites).
Result<SecureBytes> eapTlsKeyMaterial(const SecureBytes &masterSecret,
                                      const QByteArray &clientRandom,
                                      const QByteArray &serverRandom,
                                      PrfHash hash = PrfHash::Sha256);

/// The TLS 1.2 PRF hash of an established connection: the handshake digest of its cipher suite
/// (RFC 5246 section 5: SHA-256 unless the suite names another). Fails for TLS 1.3, before the
/// handshake, and for a digest the PRF here does not offer.
Result<PrfHash> tls12PrfHash(SSL *ssl);

/// The same by OpenSSL cipher suite name (SSL_CIPHER_get_name, e.g.
/// "ECDHE-ECDSA-AES256-GCM-SHA384"), looked up in OpenSSL's own cipher table.
Result<PrfHash> tls12PrfHash(const QString &cipherName);

/// "SHA-256" or "SHA-384".
QString prfHashName(PrfHash hash);

} // namespace m2mbench::crypto
