// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/pki.h"

#include "core/common/hex.h"
#include "core/crypto/openssl_internal.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace m2mbench::crypto {

namespace {

using X509Ptr = std::unique_ptr<X509, detail::Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, detail::Deleter<BIO, BIO_free_all>>;
using NamePtr = std::unique_ptr<X509_NAME, detail::Deleter<X509_NAME, X509_NAME_free>>;
using ExtPtr =
    std::unique_ptr<X509_EXTENSION, detail::Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

BioPtr memBio(const QByteArray &bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
}

QByteArray bioBytes(BIO *bio) {
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(n));
}

Result<detail::PkeyPtr> generateKey(KeyAlgorithm algorithm) {
    EVP_PKEY *key = algorithm == KeyAlgorithm::Rsa2048
                        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (key == nullptr) {
        return detail::opensslFailure(QStringLiteral("generating a key pair"));
    }
    return detail::PkeyPtr(key);
}

Result<SecureBytes> keyToPem(EVP_PKEY *key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return detail::opensslFailure(QStringLiteral("writing a private key as PEM"));
    }
    QByteArray pem = bioBytes(bio.get());
    SecureBytes out = SecureBytes::fromByteArray(pem);
    OPENSSL_cleanse(pem.data(), static_cast<size_t>(pem.size()));
    return out;
}

Result<detail::PkeyPtr> keyFromPem(const SecureBytes &pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (key == nullptr) {
        return detail::opensslFailure(QStringLiteral("reading a PEM private key"));
    }
    return detail::PkeyPtr(key);
}

Result<X509Ptr> certFromBytes(const QByteArray &bytes) {
    BioPtr bio = memBio(bytes);
    X509 *cert = bytes.contains("-----BEGIN")
                     ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                     : d2i_X509_bio(bio.get(), nullptr);
    if (cert == nullptr) {
        return detail::opensslFailure(QStringLiteral("reading a certificate"));
    }
    return X509Ptr(cert);
}

Result<QByteArray> certToPem(X509 *cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
        return detail::opensslFailure(QStringLiteral("writing a certificate as PEM"));
    }
    return bioBytes(bio.get());
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

QByteArray altNames(const CertificateRequest &request) {
    QStringList parts;
    for (const QString &dns : request.dnsNames) {
        parts << QStringLiteral("DNS:") + dns;
    }
    for (const QString &uri : request.uris) {
        parts << QStringLiteral("URI:") + uri;
    }
    return parts.join(QLatin1Char(',')).toUtf8();
}

bool addExtensions(X509 *cert, X509 *issuer, const CertificateRequest &request) {
    const bool ca = request.usage == CertificateUsage::Ca;
    bool ok = addExtension(cert, issuer, NID_basic_constraints,
                           ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
              addExtension(cert, issuer, NID_key_usage,
                           ca ? "critical,keyCertSign,cRLSign"
                              : "critical,digitalSignature,keyEncipherment") &&
              addExtension(cert, issuer, NID_subject_key_identifier, "hash");
    if (!ca) {
        ok = ok &&
             addExtension(cert, issuer, NID_ext_key_usage,
                          request.usage == CertificateUsage::Server ? "serverAuth" : "clientAuth");
        ok = ok && addExtension(cert, issuer, NID_authority_key_identifier, "keyid:always");
    }
    const QByteArray san = altNames(request);
    if (!san.isEmpty()) {
        ok = ok && addExtension(cert, issuer, NID_subject_alt_name, san);
    }
    return ok;
}

bool setSerialAndValidity(X509 *cert, int validDays) {
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) {
        return false;
    }
    serial[0] &= 0x7f; // a positive INTEGER (RFC 5280 section 4.1.2.2)
    serial[0] |= 0x01;
    detail::BnPtr bn(BN_bin2bn(serial, sizeof serial, nullptr));
    ASN1_INTEGER *asn = bn ? BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) : nullptr;
    // Backdated an hour so that a peer whose clock lags a little still accepts it.
    return asn != nullptr && X509_set_version(cert, 2) == 1 &&
           X509_gmtime_adj(X509_getm_notBefore(cert), -3600) != nullptr &&
           X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(validDays) * 86400) !=
               nullptr;
}

/// Builds and signs a certificate for `key`; a null issuer means self-signed.
Result<X509Ptr> makeCertificate(const CertificateRequest &request, EVP_PKEY *key, X509 *issuer,
                                EVP_PKEY *issuerKey) {
    X509Ptr cert(X509_new());
    NamePtr name(X509_NAME_new());
    const QByteArray cn = request.commonName.toUtf8();
    if (!cert || !name ||
        X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1,
                                   0) != 1 ||
        !setSerialAndValidity(cert.get(), request.validDays) ||
        X509_set_subject_name(cert.get(), name.get()) != 1 ||
        X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name.get()) !=
            1 ||
        X509_set_pubkey(cert.get(), key) != 1) {
        return detail::opensslFailure(
            QStringLiteral("building certificate '%1'").arg(request.commonName));
    }
    if (!addExtensions(cert.get(), issuer ? issuer : cert.get(), request) ||
        X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0) {
        return detail::opensslFailure(
            QStringLiteral("signing certificate '%1'").arg(request.commonName));
    }
    return cert;
}

QString nameText(const X509_NAME *name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioBytes(bio.get()));
}

QDateTime asn1Time(const ASN1_TIME *time) {
    struct tm tm {};
    if (ASN1_TIME_to_tm(time, &tm) != 1) {
        return {};
    }
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

void readAltNames(const X509 *cert, CertificateInfo &info) {
    auto *names = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type == GEN_DNS || gn->type == GEN_URI) {
            const ASN1_IA5STRING *s =
                gn->type == GEN_DNS ? gn->d.dNSName : gn->d.uniformResourceIdentifier;
            const QString text = QString::fromLatin1(
                reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
            (gn->type == GEN_DNS ? info.dnsNames : info.uris).append(text);
        }
    }
    GENERAL_NAMES_free(names);
}

QString keyTypeText(const X509 *cert) {
    EVP_PKEY *key = X509_get0_pubkey(cert);
    if (key == nullptr) {
        return QStringLiteral("unknown");
    }
    if (EVP_PKEY_is_a(key, "EC")) {
        char group[64] = {};
        size_t len = 0;
        EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &len);
        return QStringLiteral("EC %1").arg(QString::fromLatin1(group) == u"prime256v1"
                                               ? QStringLiteral("P-256")
                                               : QString::fromLatin1(group));
    }
    return QStringLiteral("%1 %2")
        .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key)))
        .arg(EVP_PKEY_get_bits(key));
}

} // namespace

Result<TestPki> TestPki::create(const QString &caName, KeyAlgorithm algorithm, int validDays) {
    auto key = generateKey(algorithm);
    if (!key) {
        return fail(key.error());
    }
    CertificateRequest request{caName, CertificateUsage::Ca, {}, {}, algorithm, validDays};
    auto cert = makeCertificate(request, key->get(), nullptr, nullptr);
    if (!cert) {
        return fail(cert.error());
    }
    auto certPem = certToPem(cert->get());
    auto keyPem = keyToPem(key->get());
    if (!certPem || !keyPem) {
        return fail(!certPem ? certPem.error() : keyPem.error());
    }
    TestPki pki;
    pki.m_ca = Credential{*certPem, *keyPem};
    return pki;
}

Result<TestPki> TestPki::import(const QByteArray &caCertificatePem, const SecureBytes &caKeyPem) {
    auto cert = certFromBytes(caCertificatePem);
    auto key = keyFromPem(caKeyPem);
    if (!cert || !key) {
        return fail((!cert ? cert.error() : key.error()).wrap(QStringLiteral("importing the CA")));
    }
    if (X509_check_private_key(cert->get(), key->get()) != 1) {
        detail::drainOpenSslErrors();
        return fail(Error::Kind::Config,
                    QStringLiteral("importing the CA: the private key does not belong to the "
                                   "certificate"));
    }
    if (X509_check_ca(cert->get()) == 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("importing the CA: the certificate is not a CA certificate"));
    }
    TestPki pki;
    pki.m_ca = Credential{caCertificatePem, caKeyPem};
    return pki;
}

Result<Credential> TestPki::issue(const CertificateRequest &request) const {
    auto caCert = certFromBytes(m_ca.certificatePem);
    auto caKey = keyFromPem(m_ca.privateKeyPem);
    auto key = generateKey(request.algorithm);
    if (!caCert || !caKey || !key) {
        return fail(!caCert ? caCert.error() : !caKey ? caKey.error() : key.error());
    }
    auto cert = makeCertificate(request, key->get(), caCert->get(), caKey->get());
    if (!cert) {
        return fail(cert.error());
    }
    auto certPem = certToPem(cert->get());
    auto keyPem = keyToPem(key->get());
    if (!certPem || !keyPem) {
        return fail(!certPem ? certPem.error() : keyPem.error());
    }
    return Credential{*certPem, *keyPem};
}

Result<Credential> TestPki::issueServer(const QString &fqdn, KeyAlgorithm algorithm) const {
    return issue(CertificateRequest{fqdn, CertificateUsage::Server, {fqdn}, {}, algorithm, 30});
}

Result<Credential> TestPki::issueDevice(const QByteArray &nodeId, const QString &identity,
                                        const QString &nodeIdUriPrefix,
                                        KeyAlgorithm algorithm) const {
    if (nodeId.size() != 16) {
        return fail(Error::Kind::Config,
                    QStringLiteral("a device certificate needs a 16-octet M2M-Node-ID, not %1")
                        .arg(nodeId.size()));
    }
    return issue(CertificateRequest{
        identity, CertificateUsage::Client, {}, {nodeIdUriPrefix + toHex(nodeId)}, algorithm, 30});
}

Result<CertificateInfo> inspectCertificate(const QByteArray &pemOrDer) {
    auto cert = certFromBytes(pemOrDer);
    if (!cert) {
        return fail(cert.error());
    }
    return inspectCertificate(cert->get());
}

CertificateInfo inspectCertificate(const x509_st *cert) {
    CertificateInfo info;
    info.subject = nameText(X509_get_subject_name(cert));
    info.issuer = nameText(X509_get_issuer_name(cert));
    char cn[256] = {};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) > 0) {
        info.commonName = QString::fromUtf8(cn);
    }
    readAltNames(cert, info);
    detail::BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (serial) {
        char *hex = BN_bn2hex(serial.get());
        info.serialHex = QString::fromLatin1(hex).toLower();
        OPENSSL_free(hex);
    }
    info.notBefore = asn1Time(X509_get0_notBefore(cert));
    info.notAfter = asn1Time(X509_get0_notAfter(cert));
    info.keyType = keyTypeText(cert);
    unsigned char digest[32];
    unsigned int len = 0;
    if (X509_digest(cert, EVP_sha256(), digest, &len) == 1) {
        info.sha256Hex = toHex(QByteArray(reinterpret_cast<const char *>(digest), len));
    }
    detail::drainOpenSslErrors();
    return info;
}

std::optional<QByteArray> nodeIdFromUris(const QStringList &uris, const QString &prefix) {
    std::optional<QByteArray> found;
    for (const QString &uri : uris) {
        if (!uri.startsWith(prefix, Qt::CaseInsensitive)) {
            continue;
        }
        auto id = fromHex(QStringView(uri).mid(prefix.size()));
        if (!id || id->size() != 16 || found) {
            return std::nullopt; // malformed, or two identities: trust neither
        }
        found = *id;
    }
    return found;
}

Result<Credential> loadCredential(const QString &certificateFile, const QString &keyFile) {
    QFile certFile(certificateFile);
    QFile key(keyFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("cannot read %1: %2").arg(certificateFile, certFile.errorString()));
    }
    if (!key.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cannot read %1: %2").arg(keyFile, key.errorString()));
    }
    QByteArray keyBytes = key.read(1024 * 1024);
    Credential credential{certFile.read(4 * 1024 * 1024), SecureBytes::fromByteArray(keyBytes)};
    OPENSSL_cleanse(keyBytes.data(), static_cast<size_t>(keyBytes.size()));
    auto cert = certFromBytes(credential.certificatePem);
    auto pkey = keyFromPem(credential.privateKeyPem);
    if (!cert || !pkey) {
        return fail(Error::Kind::Config,
                    QStringLiteral("%1: %2").arg(!cert ? certificateFile : keyFile,
                                                 (!cert ? cert.error() : pkey.error()).message));
    }
    if (X509_check_private_key(cert->get(), pkey->get()) != 1) {
        detail::drainOpenSslErrors();
        return fail(
            Error::Kind::Config,
            QStringLiteral("%1 is not the private key of %2").arg(keyFile, certificateFile));
    }
    return credential;
}

Result<QByteArray> loadCertificates(const QString &file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
    }
    const QByteArray pem = f.read(4 * 1024 * 1024);
    if (auto cert = certFromBytes(pem); !cert) {
        return fail(Error::Kind::Config, QStringLiteral("%1: %2").arg(file, cert.error().message));
    }
    return pem;
}

Result<void> writePrivateFile(const QString &path, const QByteArray &bytes) {
    const QByteArray native = QFile::encodeName(path);
    // Created with 0600 and fchmod'ed again, so that neither a umask nor an existing file with
    // wider permissions leaves the key readable by others at any moment.
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(Error::Kind::Io, QStringLiteral("cannot create %1: %2")
                                         .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    bool ok = ::fchmod(fd, 0600) == 0;
    qsizetype written = 0;
    while (ok && written < bytes.size()) {
        const ssize_t n =
            ::write(fd, bytes.constData() + written, static_cast<size_t>(bytes.size() - written));
        ok = n > 0;
        written += n > 0 ? n : 0;
    }
    ok = (::close(fd) == 0) && ok;
    if (!ok) {
        return fail(Error::Kind::Io, QStringLiteral("cannot write %1").arg(path));
    }
    return {};
}

Result<QPair<QString, QString>> writeCredential(const QString &dir, const QString &name,
                                                const Credential &credential) {
    const QString certPath = QDir(dir).filePath(name + QStringLiteral(".pem"));
    const QString keyPath = QDir(dir).filePath(name + QStringLiteral(".key"));
    QFile cert(certPath);
    if (!cert.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        cert.write(credential.certificatePem) != credential.certificatePem.size()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(certPath, cert.errorString()));
    }
    QByteArray key = credential.privateKeyPem.exposeBytes();
    auto ok = writePrivateFile(keyPath, key);
    OPENSSL_cleanse(key.data(), static_cast<size_t>(key.size()));
    if (!ok) {
        return fail(ok.error());
    }
    return qMakePair(certPath, keyPath);
}

} // namespace m2mbench::crypto
