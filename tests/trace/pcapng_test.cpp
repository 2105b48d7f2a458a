// SPDX-License-Identifier: Apache-2.0
#include "core/trace/pcapng_reader.h"
#include "core/trace/pcapng_writer.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::trace;

TEST(Pcapng, WritesBlocksThatReadBackWithTheirOptions) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.pcapng"));
    auto writer = PcapngWriter::create(path, QStringLiteral("m2mbench test"));
    ASSERT_TRUE(writer) << writer.error().message.toStdString();
    PcapngInterface iface;
    iface.linkType = linktype::kWiresharkUpperPdu;
    iface.name = QStringLiteral("m2mbench");

    const auto id = (*writer)->addInterface(iface);
    ASSERT_TRUE(id);
    ASSERT_TRUE((*writer)->writeDecryptionSecrets(PcapngWriter::kTlsKeyLogSecrets,
                                                  QByteArrayLiteral("CLIENT_RANDOM a b\n")));
    ASSERT_TRUE((*writer)->writePacket(*id, 1'700'000'000'123'456'789, QByteArrayLiteral("abcde"),
                                       0, QStringLiteral("a comment")));
    ASSERT_TRUE(
        (*writer)->writePacket(*id, 1'700'000'001'000'000'000, QByteArrayLiteral("xyz"), 9));
    ASSERT_TRUE((*writer)->close());
    const auto read = readPcapng(path);

    ASSERT_TRUE(read) << read.error().message.toStdString();
    EXPECT_EQ(read->application, QStringLiteral("m2mbench test"));
    ASSERT_EQ(read->linkTypes.size(), 1);
    EXPECT_EQ(read->linkTypes[0], linktype::kWiresharkUpperPdu);
    EXPECT_EQ(read->interfaceNames[0], QStringLiteral("m2mbench"));
    ASSERT_EQ(read->packets.size(), 2);
    EXPECT_EQ(read->packets[0].data, QByteArrayLiteral("abcde"));
    EXPECT_EQ(read->packets[0].timestampNs, 1'700'000'000'123'456'789);
    EXPECT_EQ(read->packets[0].comment, QStringLiteral("a comment"));
    EXPECT_EQ(read->packets[1].originalLength, 9u);
    ASSERT_EQ(read->secrets.size(), 1);
    EXPECT_EQ(read->secrets[0].type, PcapngWriter::kTlsKeyLogSecrets);
    EXPECT_EQ(read->secrets[0].beforePacket, 0);
    EXPECT_EQ(QFile(path).size() % 4, 0);
}

TEST(Pcapng, RefusesAPacketForAnUndeclaredInterface) {
    QTemporaryDir dir;
    auto writer =
        PcapngWriter::create(dir.filePath(QStringLiteral("t.pcapng")), QStringLiteral("t"));
    ASSERT_TRUE(writer);

    const auto ok = (*writer)->writePacket(0, 0, QByteArrayLiteral("x"));

    EXPECT_FALSE(ok);
}

TEST(Pcapng, PrivateFilesAreOwnerOnly) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.pcapng"));

    auto writer = PcapngWriter::create(path, QStringLiteral("t"), true);

    ASSERT_TRUE(writer);
    EXPECT_EQ(QFile(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), 0);
}

TEST(PcapngReader, RejectsTruncatedAndOverlongBlocks) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.pcapng"));
    {
        auto w = PcapngWriter::create(path, QStringLiteral("t"));
        ASSERT_TRUE(w);
        (*w)->addInterface({});
        (*w)->writePacket(0, 0, QByteArray(100, 'x'));
    }
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray whole = f.readAll();

    for (qsizetype cut = 1; cut < whole.size(); cut += 7) {
        const auto parsed = parsePcapng(whole.left(cut));
        if (parsed) {
            EXPECT_LE(parsed->packets.size(), 1); // a cut on a block boundary is a shorter file
        }
    }
    // The last block (the packet) claims far more than there is.
    QByteArray corrupt = whole;
    const qsizetype last = whole.size() - 4;
    const qsizetype packetStart = whole.size() - static_cast<quint8>(whole.at(last)) -
                                  (static_cast<quint8>(whole.at(last + 1)) << 8);
    corrupt[packetStart + 6] = '\x7f';
    const auto parsed = parsePcapng(corrupt);
    ASSERT_FALSE(parsed);
    EXPECT_TRUE(parsed.error().message.contains(QLatin1String("bad block length")))
        << parsed.error().message.toStdString();
}

TEST(PcapngReader, RejectsATimestampThatOverflowsNanoseconds) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.pcapng"));
    {
        auto w = PcapngWriter::create(path, QStringLiteral("t"));
        ASSERT_TRUE(w);
        (*w)->addInterface({});
        (*w)->writePacket(0, 5, QByteArrayLiteral("abc"));
    }
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    const qsizetype last = data.size() - 4;
    const qsizetype packetStart = data.size() - static_cast<quint8>(data.at(last)) -
                                  (static_cast<quint8>(data.at(last + 1)) << 8);
    ASSERT_TRUE(parsePcapng(data));
    // Timestamp (high) = 0xffffffff: 2^64 - 1 ticks, beyond any qint64 of nanoseconds.
    data.replace(packetStart + 12, 4, QByteArray(4, '\xff'));

    const auto parsed = parsePcapng(data);

    ASSERT_FALSE(parsed);
    EXPECT_TRUE(parsed.error().message.contains(QLatin1String("timestamp")))
        << parsed.error().message.toStdString();
}
