// SPDX-License-Identifier: Apache-2.0
// The test PKI: what the certificates carry, private key files owner-only, imports and loads
// that refuse mismatched keys; and the profile's bootstrap section.
#include "core/crypto/pki.h"
#include "core/crypto/profile.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace m2mbench;
using namespace m2mbench::crypto;

namespace {

const QByteArray kNodeId = QByteArray::fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
const QString kPrefix = QStringLiteral("urn:m2mbench:node-id:");

} // namespace

TEST(TestPki, DeviceCertificatesCarryTheNodeIdAndIdentity) {
    auto ca = TestPki::create(QStringLiteral("unit CA"));
    ASSERT_TRUE(ca) << ca.error().message.toStdString();

    auto device = ca->issueDevice(kNodeId, QStringLiteral("a0a1@realm"), kPrefix);
    auto server = ca->issueServer(QStringLiteral("msbf.example"));

    ASSERT_TRUE(device && server);
    auto info = inspectCertificate(device->certificatePem);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->commonName, QStringLiteral("a0a1@realm"));
    EXPECT_EQ(info->uris,
              QStringList{kPrefix + QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")});
    EXPECT_EQ(nodeIdFromUris(info->uris, kPrefix), kNodeId);
    EXPECT_EQ(info->keyType, QStringLiteral("EC P-256"));
    EXPECT_EQ(info->issuer, QStringLiteral("CN=unit CA"));
    EXPECT_GT(info->notAfter, QDateTime::currentDateTimeUtc());
    auto serverInfo = inspectCertificate(server->certificatePem);
    ASSERT_TRUE(serverInfo);
    EXPECT_EQ(serverInfo->dnsNames, QStringList{QStringLiteral("msbf.example")});
    EXPECT_FALSE(ca->issueDevice(QByteArray(15, 'x'), QStringLiteral("x"), kPrefix));
}

TEST(TestPki, RsaKeysOnRequest) {
    auto ca = TestPki::create(QStringLiteral("rsa CA"), KeyAlgorithm::Rsa2048);
    ASSERT_TRUE(ca);

    auto info = inspectCertificate(ca->caCertificatePem());

    ASSERT_TRUE(info);
    EXPECT_EQ(info->keyType, QStringLiteral("RSA 2048"));
}

TEST(TestPki, NodeIdsFromUrisRefuseAmbiguityAndMalformedHex) {
    EXPECT_FALSE(nodeIdFromUris({kPrefix + QStringLiteral("zz")}, kPrefix));
    EXPECT_FALSE(nodeIdFromUris({kPrefix + QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"),
                                 kPrefix + QStringLiteral("00000000000000000000000000000000")},
                                kPrefix));
    EXPECT_FALSE(
        nodeIdFromUris({QStringLiteral("urn:other:a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")}, kPrefix));
}

TEST(TestPki, KeysAreWrittenOwnerOnlyAndLoadBack) {
    auto ca = TestPki::create(QStringLiteral("unit CA"));
    auto device = ca->issueDevice(kNodeId, QStringLiteral("dev"), kPrefix);
    QTemporaryDir dir;
    const mode_t previous = ::umask(0); // a careless umask must not widen the key file

    auto paths = writeCredential(dir.path(), QStringLiteral("device"), *device);
    ::umask(previous);

    ASSERT_TRUE(paths);
    struct stat st {};
    ASSERT_EQ(::stat(QFile::encodeName(paths->second).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto loaded = loadCredential(paths->first, paths->second);
    ASSERT_TRUE(loaded) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded->certificatePem, device->certificatePem);
}

TEST(TestPki, MismatchedKeysAreRefused) {
    auto ca = TestPki::create(QStringLiteral("unit CA"));
    auto other = TestPki::create(QStringLiteral("other CA"));
    auto device = ca->issueDevice(kNodeId, QStringLiteral("dev"), kPrefix);
    auto leaf = ca->issueServer(QStringLiteral("s"));
    QTemporaryDir dir;
    writeCredential(dir.path(), QStringLiteral("a"), *device);
    writeCredential(dir.path(), QStringLiteral("b"), *leaf);

    EXPECT_FALSE(TestPki::import(ca->caCertificatePem(), other->ca().privateKeyPem));
    EXPECT_FALSE(TestPki::import(leaf->certificatePem, leaf->privateKeyPem)) << "not a CA";
    EXPECT_TRUE(TestPki::import(ca->caCertificatePem(), ca->ca().privateKeyPem));
    auto mixed = loadCredential(dir.filePath(QStringLiteral("a.pem")),
                                dir.filePath(QStringLiteral("b.key")));
    ASSERT_FALSE(mixed);
    EXPECT_TRUE(mixed.error().message.contains(QLatin1String("is not the private key")));
    EXPECT_FALSE(inspectCertificate(QByteArray("not a certificate")));
}

TEST(BootstrapProfile, TheBuiltInSectionMatchesTheDefaultsAndLabFilesOverlayIt) {
    auto builtin = Profile::builtin();
    ASSERT_TRUE(builtin);
    EXPECT_EQ(builtin->bootstrap.vendorId, 13019u);
    EXPECT_EQ(builtin->bootstrap.bootstrapParamAvp, 1001u);
    EXPECT_EQ(builtin->bootstrap.requestTimer.mrc, 10);
    EXPECT_EQ(builtin->bootstrap.masApplicationId, 0x4d324d00u);

    const auto labJson = R"({"bootstrap": {"identities": {"spId": "sp.lab"},
        "pana": {"requestTimer": {"irtMs": 200}}, "mas": {"keyAvp": 7}}})";
    auto lab = Profile::overlay(*builtin, labJson, QStringLiteral("lab.json"));

    ASSERT_TRUE(lab) << lab.error().message.toStdString();
    EXPECT_EQ(lab->bootstrap.spId, QStringLiteral("sp.lab"));
    EXPECT_EQ(lab->bootstrap.requestTimer.irtMs, 200);
    EXPECT_EQ(lab->bootstrap.requestTimer.mrc, 10);
    EXPECT_EQ(lab->bootstrap.keyAvp, 7u);
    EXPECT_NE(lab->fingerprint(), builtin->fingerprint());
    EXPECT_EQ(deviceIdentity(lab->bootstrap, kNodeId),
              QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf@m2mbench.example"));
}

TEST(BootstrapProfile, MistakesAreNamedWithTheirPath) {
    auto builtin = Profile::builtin();

    auto unknown = Profile::overlay(*builtin, R"({"bootstrap": {"pana": {"nonceLenght": 20}}})",
                                    QStringLiteral("lab.json"));
    auto range = Profile::overlay(*builtin, R"({"bootstrap": {"pana": {"nonceLength": 4}}})",
                                  QStringLiteral("lab.json"));
    auto type = Profile::overlay(*builtin, R"({"bootstrap": {"identities": {"realm": 5}}})",
                                 QStringLiteral("lab.json"));

    ASSERT_FALSE(unknown);
    EXPECT_TRUE(
        unknown.error().message.contains(QLatin1String("bootstrap.pana.nonceLenght: unknown key")))
        << unknown.error().message.toStdString();
    ASSERT_FALSE(range);
    EXPECT_TRUE(range.error().message.contains(
        QLatin1String("bootstrap.pana.nonceLength: expected an integer from 8 to 256")));
    ASSERT_FALSE(type);
    EXPECT_TRUE(type.error().message.contains(QLatin1String("bootstrap.identities.realm")));
}
