// SPDX-License-Identifier: Apache-2.0
#include "core/trace/key_log.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

const QByteArray kRandom = QByteArray(32, '\x11');
const QByteArray kLine = "CLIENT_RANDOM " + kRandom.toHex() + ' ' + QByteArray(48, '\x22').toHex();

} // namespace

TEST(KeyLog, ParsesAndFormatsNssLines) {
    const auto line = parseKeyLogLine(kLine + '\n');

    ASSERT_TRUE(line) << line.error().message.toStdString();
    EXPECT_EQ(line->label, QByteArrayLiteral("CLIENT_RANDOM"));
    EXPECT_EQ(line->clientRandom, kRandom);
    EXPECT_EQ(line->secret.size(), 48u);
    EXPECT_EQ(formatKeyLogLine(*line), kLine);
}

TEST(KeyLog, RefusesMalformedLinesWithAReason) {
    for (const QByteArray &bad :
         {QByteArrayLiteral(""), QByteArrayLiteral("CLIENT_RANDOM abc"),
          QByteArray("lower " + kRandom.toHex() + " 00"),
          QByteArray("X " + kRandom.toHex() + " zz"),
          QByteArray("X " + QByteArray(31, 'a').toHex() + " 00"),
          QByteArray("X " + kRandom.toHex() + ' ' + QByteArray(65, 'a').toHex())}) {
        const auto line = parseKeyLogLine(bad);
        EXPECT_FALSE(line) << bad.toStdString();
        if (!line) {
            EXPECT_FALSE(line.error().message.isEmpty());
        }
    }
}

TEST(KeyLog, TravelsAsAKeyDerivationEventWithTheSecretMarked) {
    const auto line = parseKeyLogLine(kLine);
    ASSERT_TRUE(line);

    const Event e = keyLogEvent(*line, QStringLiteral("D/GSCL"));
    const auto back = keyLogLineOf(e);

    EXPECT_EQ(e.kind, EventKind::KeyDerivation);
    ASSERT_TRUE(e.derivation);
    EXPECT_TRUE(e.derivation->outputSecret);
    EXPECT_FALSE(e.summary.contains(QLatin1String("2222")));
    ASSERT_TRUE(back);
    EXPECT_EQ(formatKeyLogLine(*back), kLine);
    EXPECT_FALSE(keyLogLineOf(Event::log(QStringLiteral("x"), QStringLiteral("y"))));
}

TEST(KeyLogWriter, WritesAnOwnerOnlyFileAsLinesArrive) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.log"));
    Trace trace;
    KeyLogWriter writer(path, false);
    ASSERT_TRUE(writer.open());
    trace.addObserver(&writer);
    QByteArray heard;
    writer.setLineListener([&heard](const QByteArray &l) { heard += l; });

    trace.append(keyLogEvent(*parseKeyLogLine(kLine), QStringLiteral("NSCL")));
    trace.append(Event::log(QStringLiteral("runner"), QStringLiteral("not a key")));
    trace.removeObserver(&writer);

    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), kLine + '\n');
    EXPECT_EQ(heard, kLine + '\n');
    EXPECT_EQ(writer.lineCount(), 1);
    EXPECT_EQ(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
}

TEST(KeyLogWriter, AlsoAppendsToSslKeyLogFileWhenSet) {
    QTemporaryDir dir;
    const QString env = dir.filePath(QStringLiteral("env.log"));
    qputenv("SSLKEYLOGFILE", env.toLocal8Bit());
    KeyLogWriter writer(dir.filePath(QStringLiteral("keys.log")), true);
    ASSERT_TRUE(writer.open());

    writer.onEvent(keyLogEvent(*parseKeyLogLine(kLine), QStringLiteral("NSCL")));
    qunsetenv("SSLKEYLOGFILE");

    QFile f(env);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), kLine + '\n');
}
