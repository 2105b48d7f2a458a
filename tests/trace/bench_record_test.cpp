// SPDX-License-Identifier: Apache-2.0
#include "core/trace/bench_record.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

Event failedCheck() {
    Event e;
    e.seq = 7;
    e.kind = EventKind::Check;
    e.timeNs = 1234;
    e.testCaseId = QStringLiteral("TC_X");
    e.phase = QStringLiteral("body");
    e.verdict = Verdict::Fail;
    e.text = QStringLiteral("status is STATUS_CREATED: got STATUS_OK");
    e.relatesTo = 5;
    return e;
}

Event keyEvent() {
    auto d = std::make_shared<KeyDerivation>();
    d->id = QStringLiteral("Kmr#1");
    d->name = QStringLiteral("Kmr");
    d->formulaId = QStringLiteral("m2m_kdf");
    d->inputs.append(
        {QStringLiteral("EMSK"), SecureBytes::fromByteArray(QByteArray(64, 'k')), true, false});
    d->inputs.append({QStringLiteral("SP-ID"), SecureBytes::fromByteArray("sp"), false, true});
    d->output = SecureBytes::fromByteArray(QByteArray(32, 's'));
    d->parents.append(QStringLiteral("EMSK#1"));
    Event e;
    e.seq = 9;
    e.kind = EventKind::KeyDerivation;
    e.derivation = d;
    return e;
}

} // namespace

TEST(BenchRecord, EncodesACheckWithItsVerdictAndTheFrameItJudged) {
    record::Context context;
    context.frameOf = [](quint64 seq) { return seq == 5 ? qint64(12) : qint64(-1); };

    const auto pdu = record::encodeEvent(failedCheck(), context);
    ASSERT_TRUE(pdu);
    const auto rec = record::decode(*pdu);

    ASSERT_TRUE(rec) << rec.error().message.toStdString();
    EXPECT_TRUE(pdu->startsWith("M2MB"));
    EXPECT_EQ(rec->type, record::Type::Check);
    EXPECT_EQ(rec->number(record::tag::kVerdict), 3u);
    EXPECT_EQ(rec->text(record::tag::kTestCase), QStringLiteral("TC_X"));
    EXPECT_EQ(rec->text(record::tag::kPhase), QStringLiteral("body"));
    EXPECT_EQ(rec->number(record::tag::kRelatesFrame), 12u);
    EXPECT_EQ(rec->number(record::tag::kSeq), 7u);
    EXPECT_FALSE(rec->number(record::tag::kRelatesLiveFrame));
}

TEST(BenchRecord, MasksSecretKeyValuesUnlessAsked) {
    const auto masked = record::decode(*record::encodeEvent(keyEvent(), {}));
    record::Context shown;
    shown.showKeys = true;
    const auto open = record::decode(*record::encodeEvent(keyEvent(), shown));

    ASSERT_TRUE(masked && open);
    const QList<QByteArray> inputs = masked->all(record::tag::kInput);
    ASSERT_EQ(inputs.size(), 2);
    const auto emsk = record::decodeTlvs(inputs[0]);
    ASSERT_TRUE(emsk);
    bool hasValue = false;
    for (const record::Tlv &t : *emsk) {
        hasValue = hasValue || t.tag == record::tag::kValue;
        if (t.tag == record::tag::kFlags) {
            EXPECT_EQ(static_cast<quint8>(t.value.at(0)),
                      record::kFlagSecret | record::kFlagMasked);
        }
    }
    EXPECT_FALSE(hasValue);
    EXPECT_FALSE(masked->all(record::tag::kOutput).first().contains(QByteArray(32, 's')));
    EXPECT_TRUE(open->all(record::tag::kOutput).first().contains(QByteArray(32, 's')));
    EXPECT_TRUE(masked->all(record::tag::kInput)[1].contains("sp")); // not secret: kept
    EXPECT_EQ(masked->text(record::tag::kParent), QStringLiteral("EMSK#1"));
}

TEST(BenchRecord, DescribesTheRun) {
    RunInfo info;
    info.bench = QStringLiteral("m2mbench 9");
    info.target = QStringLiteral("http://127.0.0.1:1/m2m");
    info.midBasePaths = {QStringLiteral("/m2m")};
    info.started = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);

    const auto rec = record::decode(record::encodeRun(info));

    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->type, record::Type::Run);
    EXPECT_EQ(rec->text(record::tag::kMidBase), QStringLiteral("/m2m"));
    EXPECT_EQ(rec->number(record::tag::kStarted), 1'000'000'000u);
}

TEST(BenchRecord, MessagesAreNotRecords) {
    Event e;
    e.kind = EventKind::MessageSent;

    EXPECT_FALSE(record::encodeEvent(e, {}));
}

TEST(BenchRecord, DecodingRefusesTruncationAndForeignData) {
    const QByteArray pdu = *record::encodeEvent(failedCheck(), {});

    EXPECT_FALSE(record::decode(QByteArrayLiteral("HTTP/1.1 200 OK")));
    for (qsizetype cut = 9; cut < pdu.size(); ++cut) {
        const auto rec = record::decode(pdu.left(cut));
        if (rec) { // a cut between two TLVs leaves a shorter, valid record
            EXPECT_LT(rec->tlvs.size(), record::decode(pdu)->tlvs.size());
        }
    }
}
