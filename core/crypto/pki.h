// SPDX-License-Identifier: Apache-2.0
#pragma once

// The bench's test PKI: a CA made for one run (or the lab's own CA imported from PEM), the MSBF's
// server certificate and device certificates that carry the M2M-Node-ID as a subjectAltName URI
// (<prefix><32 lower-case hex digits>, the prefix being profile data, docs/bootstrap.md).
// ECDSA P-256 by default, RSA 2048 on request. Private keys are SecureBytes in memory and files
// of mode 0600 on disk.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct x509_st; // OpenSSL's X509

namespace m2mbench::crypto {

enum class KeyAlgorithm { EcdsaP256, Rsa2048 };

/// What a certificate is for: a CA, a TLS server (the MSBF, EKU serverAuth) or a TLS client (a
/// device, EKU clientAuth).
enum class CertificateUsage { Ca, Server, Client };

/// A certificate (PEM, possibly followed by its chain) and its private key (PEM).
struct Credential {
    QByteArray certificatePem;
    SecureBytes privateKeyPem;
};

struct CertificateRequest {
    QString commonName;
    CertificateUsage usage = CertificateUsage::Client;
    QStringList dnsNames;
    QStringList uris;
    KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256;
    int validDays = 30;
};

/// Facts read from a certificate, for traces, checks and the MSBF's identity mapping.
struct CertificateInfo {
    QString subject;
    QString issuer;
    QString commonName;
    QStringList dnsNames;
    QStringList uris;
    QString serialHex;
    QDateTime notBefore;
    QDateTime notAfter;
    QString keyType; ///< "EC P-256", "RSA 2048"
    QString sha256Hex;
};

/// A certification authority able to issue certificates.
class TestPki {
public:
    /// A fresh self-signed CA named `caName`.
    static Result<TestPki> create(const QString &caName,
                                  KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256,
                                  int validDays = 365);
    /// The lab's CA from PEM (certificate and its private key); checks that they match.
    static Result<TestPki> import(const QByteArray &caCertificatePem, const SecureBytes &caKeyPem);

    [[nodiscard]] const Credential &ca() const { return m_ca; }
    [[nodiscard]] QByteArray caCertificatePem() const { return m_ca.certificatePem; }

    /// A certificate signed by this CA, SHA-256, with a random 128-bit serial.
    [[nodiscard]] Result<Credential> issue(const CertificateRequest &request) const;
    /// The MSBF's TLS server certificate for `fqdn` (CN and DNS subjectAltName).
    [[nodiscard]] Result<Credential>
    issueServer(const QString &fqdn, KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256) const;
    /// A device's TLS client certificate: CN = identity, URI subjectAltName = prefix + hex(nodeId).
    [[nodiscard]] Result<Credential>
    issueDevice(const QByteArray &nodeId, const QString &identity, const QString &nodeIdUriPrefix,
                KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256) const;

private:
    TestPki() = default;
    Credential m_ca;
};

/// Reads the first certificate of a PEM or DER buffer.
Result<CertificateInfo> inspectCertificate(const QByteArray &pemOrDer);
/// The same for a certificate OpenSSL already holds (a TLS peer's): no second parse, which in
/// OpenSSL 3 costs as much as a signature verification.
CertificateInfo inspectCertificate(const x509_st *cert);

/// The M2M-Node-ID in a URI subjectAltName `prefix` + 32 hex digits, when there is exactly one.
std::optional<QByteArray> nodeIdFromUris(const QStringList &uris, const QString &prefix);

/// Loads a certificate and key from PEM files and checks that the key belongs to the certificate.
Result<Credential> loadCredential(const QString &certificateFile, const QString &keyFile);
/// Reads a PEM file of one or more certificates (trust anchors).
Result<QByteArray> loadCertificates(const QString &file);

/// Writes `bytes` to `path` readable by the owner only (mode 0600 from creation on, never wider).
Result<void> writePrivateFile(const QString &path, const QByteArray &bytes);
/// Writes `name`.pem (0644) and `name`.key (0600) into `dir`; returns the two paths.
Result<QPair<QString, QString>> writeCredential(const QString &dir, const QString &name,
                                                const Credential &credential);

} // namespace m2mbench::crypto
