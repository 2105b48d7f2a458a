// SPDX-License-Identifier: Apache-2.0
// No key value reaches a log, even with the crypto debug category switched on.
#include "core/crypto/calculator.h"
#include "core/crypto/cps_keys.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/key_recorder.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <QLoggingCategory>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

QStringList g_messages;

void capture(QtMsgType, const QMessageLogContext &, const QString &message) {
    g_messages << message;
}

TEST(Secrets, NoKeyValueReachesTheLogAtDebugLevel) {
    g_messages.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("m2mbench.crypto.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    const Profile profile = *Profile::builtin();
    const QByteArray emsk(64, '\x11');
    const QByteArray nodeId(16, '\x22');
    KeyRecorder keys;

    auto kmr = keys.record(deriveKmrFromEmsk(
        profile, NamedKey{QStringLiteral("EMSK"), secret(emsk), {}}, QStringLiteral("sp"), nodeId));
    auto kma = kmr ? keys.record(deriveKma(profile, *kmr, QStringLiteral("app"))) : kmr;
    auto kek = kma ? keys.record(deriveKek(profile, *kma, QStringLiteral("holder"))) : kma;

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    ASSERT_TRUE(kmr && kma && kek);
    ASSERT_GE(g_messages.size(), 3) << "the debug category logged nothing, the check would be void";
    const QStringList secrets = {QString::fromLatin1(emsk.toHex()), kmr->value.exposeHex(),
                                 kma->value.exposeHex(), kek->value.exposeHex(),
                                 kmr->value.exposeHex().left(16)};
    for (const QString &message : std::as_const(g_messages)) {
        for (const QString &value : secrets) {
            EXPECT_FALSE(message.contains(value, Qt::CaseInsensitive)) << message.toStdString();
        }
    }
}

TEST(Secrets, SecureBytesComparesInConstantTimeAndByValue) {
    EXPECT_TRUE(secretHex("0102").equals(secretHex("0102")));
    EXPECT_FALSE(secretHex("0102").equals(secretHex("0103")));
    EXPECT_FALSE(secretHex("0102").equals(secretHex("010203")));
}

} // namespace
} // namespace m2mbench::crypto::test
