// SPDX-License-Identifier: Apache-2.0
#include "core/runner/boot_support.h"

#include "core/common/hex.h"
#include "core/runner/runner.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2mbench::runner {

Result<crypto::Profile> bootProfile(const Pixit &pixit) {
    const QString file = pixit.stringValue(QStringLiteral("PX_BOOT_PROFILE"));
    return file.isEmpty() ? crypto::Profile::builtin() : crypto::Profile::load(file);
}

namespace {

Result<std::optional<crypto::Credential>>
credentialFrom(const Pixit &pixit, const QString &certItem, const QString &keyItem) {
    const QString cert = pixit.stringValue(certItem);
    const QString key = pixit.stringValue(keyItem);
    if (cert.isEmpty() && key.isEmpty()) {
        return std::optional<crypto::Credential>();
    }
    if (cert.isEmpty() || key.isEmpty()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT %1 and %2 go together").arg(certItem, keyItem));
    }
    auto loaded = crypto::loadCredential(cert, key);
    if (!loaded) {
        return fail(loaded.error().wrap(certItem));
    }
    return std::optional<crypto::Credential>(*loaded);
}

Result<void> writeOut(const QString &dir, const RunPki &pki) {
    if (!QDir().mkpath(dir)) {
        return fail(Error::Kind::Io, QStringLiteral("PX_BOOT_PKI_DIR: cannot create %1").arg(dir));
    }
    QFile ca(QDir(dir).filePath(QStringLiteral("ca.pem")));
    if (!ca.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        ca.write(pki.caPem) != pki.caPem.size()) {
        return fail(Error::Kind::Io, QStringLiteral("cannot write %1").arg(ca.fileName()));
    }
    for (const auto &[name, credential] :
         {std::pair{QStringLiteral("msbf"), pki.msbf},
          std::pair{QStringLiteral("device"), pki.device},
          std::pair{QStringLiteral("rogue-device"), pki.rogueDevice},
          std::pair{QStringLiteral("rogue-msbf"), pki.rogueMsbf}}) {
        if (auto ok = crypto::writeCredential(dir, name, credential); !ok) {
            return fail(ok.error());
        }
    }
    return {};
}

} // namespace

Result<RunPki> makeRunPki(const Pixit &pixit, const crypto::Profile &profile) {
    RunPki pki;
    const crypto::BootstrapProfile &bp = profile.bootstrap;
    auto nodeId = fromHex(pixit.stringValue(QStringLiteral("PX_BOOT_NODE_ID")));
    if (!nodeId || nodeId->size() != 16) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT PX_BOOT_NODE_ID must be 16 octets in hex"));
    }
    pki.nodeId = *nodeId;
    pki.identity = pixit.stringValue(QStringLiteral("PX_BOOT_IDENTITY"));
    if (pki.identity.isEmpty()) {
        pki.identity = crypto::deviceIdentity(bp, pki.nodeId);
    }
    auto ca = crypto::TestPki::create(QStringLiteral("m2mbench run CA"));
    auto rogue = crypto::TestPki::create(QStringLiteral("m2mbench rogue CA (must not be trusted)"));
    if (!ca || !rogue) {
        return fail(
            (!ca ? ca.error() : rogue.error()).wrap(QStringLiteral("generating the run PKI")));
    }
    pki.caPem = ca->caCertificatePem();
    auto msbf = ca->issueServer(bp.msbfFqdn);
    auto device = ca->issueDevice(pki.nodeId, pki.identity, bp.nodeIdUriPrefix);
    auto rogueDevice = rogue->issueDevice(pki.nodeId, pki.identity, bp.nodeIdUriPrefix);
    auto rogueMsbf = rogue->issueServer(bp.msbfFqdn);
    if (!msbf || !device || !rogueDevice || !rogueMsbf) {
        return fail(Error::Kind::Crypto, QStringLiteral("generating the run PKI failed"));
    }
    pki.msbf = *msbf;
    pki.device = *device;
    pki.rogueDevice = *rogueDevice;
    pki.rogueMsbf = *rogueMsbf;
    pki.origin = QStringLiteral("generated for this run (ECDSA P-256)");
    const QString caFile = pixit.stringValue(QStringLiteral("PX_BOOT_CA_FILE"));
    if (!caFile.isEmpty()) {
        auto trusted = crypto::loadCertificates(caFile);
        if (!trusted) {
            return fail(trusted.error().wrap(QStringLiteral("PX_BOOT_CA_FILE")));
        }
        pki.caPem = *trusted;
        pki.origin = QStringLiteral("the lab's files (%1)").arg(caFile);
    }
    const std::pair<const QString, crypto::Credential *> overrides[] = {
        {QStringLiteral("PX_BOOT_CERT_FILE|PX_BOOT_KEY_FILE"), &pki.device},
        {QStringLiteral("PX_BOOT_MSBF_CERT_FILE|PX_BOOT_MSBF_KEY_FILE"), &pki.msbf},
        {QStringLiteral("PX_BOOT_WRONG_CERT_FILE|PX_BOOT_WRONG_KEY_FILE"), &pki.rogueDevice},
    };
    for (const auto &[items, target] : overrides) {
        const QStringList pair = items.split(QLatin1Char('|'));
        auto given = credentialFrom(pixit, pair[0], pair[1]);
        if (!given) {
            return fail(given.error());
        }
        if (*given) {
            *target = **given;
        }
    }
    const QString dir = pixit.stringValue(QStringLiteral("PX_BOOT_PKI_DIR"));
    if (!dir.isEmpty()) {
        if (auto ok = writeOut(dir, pki); !ok) {
            return fail(ok.error());
        }
    }
    return pki;
}

QString pixitFromOptions(const RunOptions &options, const QString &id) {
    for (const QString &assignment : options.pixitOverrides) {
        if (assignment.startsWith(id + QLatin1Char('='))) {
            return assignment.mid(id.size() + 1);
        }
    }
    if (options.pixitValues.contains(id)) {
        return options.pixitValues.value(id).toString();
    }
    if (!options.pixitFile.isEmpty()) {
        QFile f(options.pixitFile);
        if (f.open(QIODevice::ReadOnly)) {
            return QJsonDocument::fromJson(f.read(4 * 1024 * 1024)).object().value(id).toString();
        }
    }
    return {};
}

Result<std::optional<Endpoint>> pixitEndpoint(const Pixit &pixit, const QString &id,
                                              quint16 defaultPort) {
    const QString text = pixit.stringValue(id).trimmed();
    if (text.isEmpty()) {
        return std::optional<Endpoint>();
    }
    auto endpoint = Endpoint::parse(text, defaultPort);
    if (!endpoint) {
        return fail(endpoint.error().wrap(QStringLiteral("PIXIT ") + id));
    }
    return std::optional<Endpoint>(*endpoint);
}

} // namespace m2mbench::runner
