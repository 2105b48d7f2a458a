// SPDX-License-Identifier: Apache-2.0
// The reference NSCL's secured mId against independent peers: OpenSSL's s_client over TLS 1.2
// PSK (the service connection keyed by Kmr, and mId keyed by Kmc), libcoap's coap-client over
// plain CoAP and over DTLS-PSK keyed by Kmc. The NSCL runs as a lab would run it,
// `m2mbench-cli serve nscl` with keys given by hand; every exchanged XML body is checked against
// the TS 102 921 schemas. The device side, `m2mbench-cli connect`, runs against OpenSSL's
// s_server and libcoap's coap-server.

#include "interop_support.h"
#include "tests/support/test_paths.h"

#include "core/protocol/mid/xsd_validator.h"
#include "core/protocol/tls/psk_identity.h"

#include <QRegularExpression>
#include <QThread>

namespace {

using m2mbench::test::findTool;
using m2mbench::test::missingToolMessage;
using m2mbench::test::Tool;

const QString kNodeId = QStringLiteral("00112233445566778899aabbccddeeff");
const QString kKmr =
    QStringLiteral("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
// libcoap's -k takes the key as text: a Kmc of 32 printable octets, given to the NSCL in hex.
const QByteArray kKmcText = "m2mbench-interop-kmc-32-octets!!";
const quint32 kKmcIndex = 70000;
const QString kSclId = QStringLiteral("gscl-interop-01");

QString kmcHex() {
    return QString::fromLatin1(kKmcText.toHex());
}

/// `m2mbench-cli serve nscl` on every binding of 127.0.0.1, with port 0 for each.
class ServedNscl {
public:
    bool start(const QString &keyLog) {
        const QStringList args{
            QStringLiteral("serve"),
            QStringLiteral("nscl"),
            QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--https-psk"),
            QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--coap"),
            QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--coaps"),
            QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--kmr"),
            QStringLiteral("%1:1:%2:%3").arg(kNodeId, kKmr, kSclId),
            QStringLiteral("--kmc"),
            QStringLiteral("%1:%2:%3:%4").arg(kNodeId).arg(kKmcIndex).arg(kmcHex(), kSclId),
            QStringLiteral("--keylog"),
            keyLog,
        };
        if (!m_tool.start(QStringLiteral(M2MBENCH_CLI), args) ||
            !m_tool.waitForText(QStringLiteral("secrets go to"), 10000)) {
            return false;
        }
        https = port(QStringLiteral("https"));
        coap = port(QStringLiteral("coap"));
        coaps = port(QStringLiteral("coaps"));
        return https != 0 && coap != 0 && coaps != 0;
    }
    QString output() { return m_tool.output(); }

    quint16 https = 0;
    quint16 coap = 0;
    quint16 coaps = 0;

private:
    quint16 port(const QString &scheme) {
        const auto m =
            QRegularExpression(QStringLiteral("\\b%1://127\\.0\\.0\\.1:(\\d+)").arg(scheme))
                .match(m_tool.output());
        return m.hasMatch() ? static_cast<quint16>(m.captured(1).toUInt()) : 0;
    }
    Tool m_tool;
};

struct Ran {
    int exitCode = -1;
    QString out;
};

/// Runs a client to its end (bounded), feeding it `input`.
Ran runClient(const QString &program, const QStringList &args, const QByteArray &input = {},
              int timeoutMs = 15000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Ran r;
    if (!p.waitForStarted(5000)) {
        r.out = QStringLiteral("could not start ") + program;
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(3000);
        r.out = QString::fromUtf8(p.readAll()) + QStringLiteral("\n[killed after the time limit]");
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAll());
    return r;
}

QByteArray httpGet(const QString &path, const QString &requestingEntity) {
    QByteArray req = "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: nscl\r\nConnection: close\r\n";
    if (!requestingEntity.isEmpty()) {
        req +=
            "Authorization: Basic " + (requestingEntity.toUtf8() + ":secret").toBase64() + "\r\n";
    }
    return req + "\r\n";
}

Ran sClient(quint16 port, const QString &identity, const QString &keyHex, const QByteArray &input) {
    return runClient(findTool(QStringLiteral("openssl")),
                     {QStringLiteral("s_client"), QStringLiteral("-connect"),
                      QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-tls1_2"),
                      QStringLiteral("-cipher"), QStringLiteral("PSK-AES128-GCM-SHA256"),
                      QStringLiteral("-psk_identity"), identity, QStringLiteral("-psk"), keyHex,
                      QStringLiteral("-ign_eof")},
                     input);
}

/// The XML document in a client's output: from its declaration to the end tag of its root.
QByteArray xmlBody(const QString &out) {
    const qsizetype at = out.indexOf(QLatin1String("<?xml"));
    if (at < 0) {
        return {};
    }
    const QString rest = out.mid(at);
    const auto root = QRegularExpression(QStringLiteral("<(m2m:[A-Za-z]+)[\\s>/]")).match(rest);
    if (!root.hasMatch()) {
        return rest.toUtf8();
    }
    const QString end = QStringLiteral("</%1>").arg(root.captured(1));
    const qsizetype stop = rest.indexOf(end);
    return stop < 0 ? rest.toUtf8() : rest.left(stop + end.size()).toUtf8();
}

/// Validates against the TS 102 921 schemas beside the project; without them the check fails
/// loudly, naming where they were looked for (CI has them).
void expectValidAgainstSchemas(const QByteArray &xml, const QString &root) {
    const QString dir = m2mbench::test::xsdDir();
    auto validator = m2mbench::mid::XsdValidator::open(dir);
    if (dir.isEmpty() || !validator) {
        ADD_FAILURE() << "the TS 102 921 schemas are needed for this check; looked in "
                      << m2mbench::test::xsdDirSearched().toStdString();
        return;
    }
    const auto verdict = (*validator)->validate(xml, root);
    EXPECT_TRUE(verdict.has_value())
        << (verdict ? std::string() : verdict.error().message.toStdString()) << "\n"
        << xml.toStdString();
}

class SecureMidInterop : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto &[tool, package] :
             {std::pair{QStringLiteral("openssl"), QStringLiteral("openssl")},
              std::pair{QStringLiteral("coap-client-openssl"), QStringLiteral("libcoap3-bin")}}) {
            if (findTool(tool).isEmpty()) {
                GTEST_SKIP() << missingToolMessage(tool, package).toStdString();
            }
        }
        ASSERT_TRUE(m_dir.isValid());
        m_keyLog = m_dir.filePath(QStringLiteral("nscl-keys.log"));
        ASSERT_TRUE(m_nscl.start(m_keyLog)) << m_nscl.output().toStdString();
    }

    QTemporaryDir m_dir;
    QString m_keyLog;
    ServedNscl m_nscl;
};

TEST_F(SecureMidInterop, OpensslSClientMakesAServiceConnectionKeyedByKmr) {
    const QString identity = kNodeId + QStringLiteral(":1");
    const Ran r = sClient(m_nscl.https, identity, kKmr,
                          httpGet(QStringLiteral("/m2m/connectionParamSet"), QString()));

    EXPECT_TRUE(r.out.contains(QLatin1String("PSK-AES128-GCM-SHA256"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("HTTP/1.1 200"))) << r.out.toStdString();
    const QByteArray xml = xmlBody(r.out);
    ASSERT_FALSE(xml.isEmpty()) << r.out.toStdString();
    EXPECT_TRUE(xml.contains("connectionParamSet")) << xml.toStdString();
    expectValidAgainstSchemas(xml, QStringLiteral("connectionParamSet"));
    // The NSCL put the session's secrets into its key log.
    QFile log(m_keyLog);
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    EXPECT_TRUE(log.readAll().contains("CLIENT_RANDOM "));
}

TEST_F(SecureMidInterop, OpensslSClientRetrievesSclBaseOverHttpKeyedByKmc) {
    const QString identity = QStringLiteral("%1:%2").arg(kNodeId).arg(kKmcIndex);
    const Ran r =
        sClient(m_nscl.https, identity, kmcHex(), httpGet(QStringLiteral("/m2m"), kSclId));

    EXPECT_TRUE(r.out.contains(QLatin1String("HTTP/1.1 200"))) << r.out.toStdString();
    const QByteArray xml = xmlBody(r.out);
    ASSERT_FALSE(xml.isEmpty()) << r.out.toStdString();
    expectValidAgainstSchemas(xml, QStringLiteral("sclBase"));
}

TEST_F(SecureMidInterop, OpensslSClientWithAWrongKeyOrAnUnknownIdentityIsRefused) {
    QString wrong = kKmr;
    wrong[0] = QLatin1Char('f');
    const Ran badKey = sClient(m_nscl.https, kNodeId + QStringLiteral(":1"), wrong,
                               httpGet(QStringLiteral("/m2m"), kSclId));
    const Ran unknown = sClient(m_nscl.https, QStringLiteral("ffeeddccbbaa99887766554433221100:1"),
                                kKmr, httpGet(QStringLiteral("/m2m"), kSclId));
    const Ran oversized = sClient(m_nscl.https, QString(1000, QLatin1Char('a')), kKmr,
                                  httpGet(QStringLiteral("/m2m"), kSclId));

    for (const Ran *r : {&badKey, &unknown, &oversized}) {
        EXPECT_FALSE(r->out.contains(QLatin1String("HTTP/1.1 200"))) << r->out.toStdString();
        EXPECT_TRUE(r->out.contains(QLatin1String("alert")) || r->exitCode != 0)
            << r->out.toStdString();
    }
    // And the NSCL still serves the right key afterwards.
    const Ran good = sClient(m_nscl.https, QStringLiteral("%1:%2").arg(kNodeId).arg(kKmcIndex),
                             kmcHex(), httpGet(QStringLiteral("/m2m"), kSclId));
    EXPECT_TRUE(good.out.contains(QLatin1String("HTTP/1.1 200"))) << good.out.toStdString();
}

TEST_F(SecureMidInterop, CoapClientRetrievesSclBaseOverDtlsPskKeyedByKmc) {
    const QString identity = QStringLiteral("%1:%2").arg(kNodeId).arg(kKmcIndex);
    const Ran r = runClient(findTool(QStringLiteral("coap-client-openssl")),
                            {QStringLiteral("-m"), QStringLiteral("get"), QStringLiteral("-B"),
                             QStringLiteral("10"), QStringLiteral("-u"), identity,
                             QStringLiteral("-k"), QString::fromLatin1(kKmcText),
                             QStringLiteral("coaps://127.0.0.1:%1/m2m?RequestingEntity=%2")
                                 .arg(m_nscl.coaps)
                                 .arg(kSclId)});

    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString();
    const QByteArray xml = xmlBody(r.out);
    ASSERT_FALSE(xml.isEmpty()) << r.out.toStdString();
    expectValidAgainstSchemas(xml, QStringLiteral("sclBase"));
}

TEST_F(SecureMidInterop, CoapClientOverPlainCoapAndAWrongDtlsKeyIsRefused) {
    const Ran plain = runClient(findTool(QStringLiteral("coap-client-openssl")),
                                {QStringLiteral("-m"), QStringLiteral("get"), QStringLiteral("-B"),
                                 QStringLiteral("10"),
                                 QStringLiteral("coap://127.0.0.1:%1/m2m?RequestingEntity=%2")
                                     .arg(m_nscl.coap)
                                     .arg(kSclId)});
    const Ran wrong = runClient(
        findTool(QStringLiteral("coap-client-openssl")),
        {QStringLiteral("-m"), QStringLiteral("get"), QStringLiteral("-B"), QStringLiteral("5"),
         QStringLiteral("-u"), QStringLiteral("%1:%2").arg(kNodeId).arg(kKmcIndex),
         QStringLiteral("-k"), QStringLiteral("not-the-kmc-not-the-kmc-not-the-"),
         QStringLiteral("coaps://127.0.0.1:%1/m2m?RequestingEntity=%2")
             .arg(m_nscl.coaps)
             .arg(kSclId)});

    EXPECT_EQ(plain.exitCode, 0) << plain.out.toStdString();
    expectValidAgainstSchemas(xmlBody(plain.out), QStringLiteral("sclBase"));
    EXPECT_FALSE(wrong.out.contains(QLatin1String("<m2m:sclBase"))) << wrong.out.toStdString();
}

// The device side, `m2mbench-cli connect`, against OpenSSL's s_server and libcoap's coap-server.
class DeviceInterop : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto &[tool, package] :
             {std::pair{QStringLiteral("openssl"), QStringLiteral("openssl")},
              std::pair{QStringLiteral("coap-server-openssl"), QStringLiteral("libcoap3-bin")}}) {
            if (findTool(tool).isEmpty()) {
                GTEST_SKIP() << missingToolMessage(tool, package).toStdString();
            }
        }
        ASSERT_TRUE(m_dir.isValid());
    }

    /// openssl s_server -WWW with `key` serving the files under `root`, on a free port.
    bool startSServer(Tool &server, const QString &keyHex, const QString &root, quint16 *port) {
        *port = m2mbench::test::freeTcpPort();
        return server.start(findTool(QStringLiteral("openssl")),
                            {QStringLiteral("s_server"), QStringLiteral("-accept"),
                             QStringLiteral("127.0.0.1:%1").arg(*port), QStringLiteral("-nocert"),
                             QStringLiteral("-psk"), keyHex, QStringLiteral("-tls1_2"),
                             QStringLiteral("-cipher"), QStringLiteral("PSK-AES128-GCM-SHA256"),
                             QStringLiteral("-WWW")},
                            root) &&
               server.waitForText(QStringLiteral("ACCEPT"), 10000);
    }

    Ran connect(const QStringList &args) {
        return runClient(QStringLiteral(M2MBENCH_CLI),
                         QStringList{QStringLiteral("connect"), QStringLiteral("--timeout"),
                                     QStringLiteral("5000")} +
                             args);
    }

    QTemporaryDir m_dir;
};

TEST_F(DeviceInterop, AServiceConnectionToOpensslSServerHandshakesButAnUnconfirmedKmcIsRefused) {
    // s_server knows Kmr but not the profile: it serves a parameter set whose confirmation is
    // zeros, which the node must not take for a Kmc agreement.
    QDir(m_dir.path()).mkpath(QStringLiteral("m2m"));
    m2mbench::test::writeFile(
        m_dir.filePath(QStringLiteral("m2m/connectionParamSet")),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:connectionParamSet "
        "xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:securityConnectionId>1</"
        "m2m:securityConnectionId><m2m:securityKmcIndex>70000</m2m:securityKmcIndex>"
        "<m2m:securityLifetime>2030-01-01T00:00:00Z</m2m:securityLifetime><m2m:securityM2MKey>" +
            QByteArray(64, '0') +
            "</m2m:securityM2MKey><m2m:sclId>gscl-interop-01</m2m:sclId><m2m:securitymIdFlags>0003"
            "</m2m:securitymIdFlags></m2m:connectionParamSet>");
    Tool server;
    quint16 port = 0;
    ASSERT_TRUE(startSServer(server, kKmr, m_dir.path(), &port)) << server.output().toStdString();

    const Ran r = connect({QStringLiteral("--nscl"), QStringLiteral("127.0.0.1:%1").arg(port),
                           QStringLiteral("--kmr"), QStringLiteral("%1:1:%2").arg(kNodeId, kKmr)});

    EXPECT_EQ(r.exitCode, 1) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("cipher          PSK-AES128-GCM-SHA256")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("Service connection: not established")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("key confirmation DOES NOT match")));
    EXPECT_TRUE(server.waitForText(QStringLiteral("FILE:m2m/connectionParamSet"), 3000))
        << server.output().toStdString();
}

TEST_F(DeviceInterop, TheDeviceRetrievesOverTlsPskFromOpensslSServerWithAGivenKmc) {
    m2mbench::test::writeFile(m_dir.filePath(QStringLiteral("m2m")),
                              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:sclBase "
                              "xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:sclsReference>/m2m/scls"
                              "</m2m:sclsReference></m2m:sclBase>");
    Tool server;
    quint16 port = 0;
    ASSERT_TRUE(startSServer(server, kmcHex(), m_dir.path(), &port))
        << server.output().toStdString();
    const QString keyLog = m_dir.filePath(QStringLiteral("device-keys.log"));

    const Ran r = connect({QStringLiteral("--nscl"), QStringLiteral("127.0.0.1:%1").arg(port),
                           QStringLiteral("--kmc"),
                           QStringLiteral("%1:%2:%3").arg(kNodeId).arg(kKmcIndex).arg(kmcHex()),
                           QStringLiteral("--retrieve"), QStringLiteral("/m2m"),
                           QStringLiteral("--keylog"), keyLog});
    QString wrong = kmcHex();
    wrong[0] = QLatin1Char('0');
    const Ran refused = connect({QStringLiteral("--nscl"), QStringLiteral("127.0.0.1:%1").arg(port),
                                 QStringLiteral("--kmc"),
                                 QStringLiteral("%1:%2:%3").arg(kNodeId).arg(kKmcIndex).arg(wrong),
                                 QStringLiteral("--retrieve"), QStringLiteral("/m2m")});

    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString();
    EXPECT_TRUE(
        r.out.contains(QLatin1String("RETRIEVE /m2m (https-psk): ok, STATUS_OK (HTTP 200)")))
        << r.out.toStdString();
    expectValidAgainstSchemas(xmlBody(r.out), QStringLiteral("sclBase"));
    QFile log(keyLog);
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    EXPECT_TRUE(log.readAll().contains("CLIENT_RANDOM "));
    EXPECT_EQ(refused.exitCode, 1) << refused.out.toStdString();
    EXPECT_TRUE(refused.out.contains(QLatin1String("handshake-failed")))
        << refused.out.toStdString();
}

TEST_F(DeviceInterop, TheDeviceTalksToCoapServerOverDtlsPskAndPlainCoap) {
    // coap-server serves coaps on the port after its coap port.
    const quint16 port = m2mbench::test::freeUdpPort();
    Tool server;
    ASSERT_TRUE(
        server.start(findTool(QStringLiteral("coap-server-openssl")),
                     {QStringLiteral("-A"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                      QString::number(port), QStringLiteral("-k"), QString::fromLatin1(kKmcText)}));
    // coap-server prints nothing when it is ready: wait until its DTLS port is bound (bounded).
    QElapsedTimer waited;
    waited.start();
    while (QUdpSocket().bind(QHostAddress::LocalHost, port + 1) && waited.elapsed() < 5000) {
        QThread::msleep(20);
    }
    const QString kmc = QStringLiteral("%1:%2:%3").arg(kNodeId).arg(kKmcIndex).arg(kmcHex());

    const Ran secured =
        connect({QStringLiteral("--coaps"), QStringLiteral("127.0.0.1:%1").arg(port + 1),
                 QStringLiteral("--binding"), QStringLiteral("coaps"), QStringLiteral("--kmc"), kmc,
                 QStringLiteral("--retrieve"), QStringLiteral("/")});
    const Ran plain =
        connect({QStringLiteral("--coap"), QStringLiteral("127.0.0.1:%1").arg(port),
                 QStringLiteral("--binding"), QStringLiteral("coap"), QStringLiteral("--kmc"), kmc,
                 QStringLiteral("--retrieve"), QStringLiteral("/")});
    QString wrong = kmcHex();
    wrong[0] = QLatin1Char('0');
    const Ran refused =
        connect({QStringLiteral("--coaps"), QStringLiteral("127.0.0.1:%1").arg(port + 1),
                 QStringLiteral("--binding"), QStringLiteral("coaps"), QStringLiteral("--kmc"),
                 QStringLiteral("%1:%2:%3").arg(kNodeId).arg(kKmcIndex).arg(wrong),
                 QStringLiteral("--retrieve"), QStringLiteral("/")});

    for (const Ran *r : {&secured, &plain}) {
        EXPECT_EQ(r->exitCode, 0) << r->out.toStdString();
        EXPECT_TRUE(r->out.contains(QLatin1String("ok, STATUS_OK"))) << r->out.toStdString();
        EXPECT_TRUE(r->out.contains(QLatin1String("made with libcoap"))) << r->out.toStdString();
    }
    EXPECT_TRUE(secured.out.contains(QLatin1String("[DTLS] CON GET"))) << secured.out.toStdString();
    EXPECT_EQ(refused.exitCode, 1) << refused.out.toStdString();
    EXPECT_FALSE(refused.out.contains(QLatin1String("made with libcoap")));
}

} // namespace
