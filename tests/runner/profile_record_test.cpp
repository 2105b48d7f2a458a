// SPDX-License-Identifier: Apache-2.0
// A run records the key-derivation profile it used: the runner writes the active profile (as
// JSON) and its fingerprint into the journal's run record, for the default profile, for a lab's
// file laid over it, and for a rerun that hands the recorded profile back. The suite's one test
// case asks for a configuration this bench does not have, so the run plans, journals and ends
// without starting any node.
#include "core/crypto/profile.h"
#include "core/runner/journal.h"
#include "core/runner/runner.h"
#include "core/runner/suite.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

class ProfileRecord : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        write(QStringLiteral("TC_PROFILE_RECORD.js"),
              "export const meta = {id: 'TC_PROFILE_RECORD', title: 'profile record', purpose: "
              "'TP_PROFILE_RECORD', configuration: 'CFG_NOT_IN_THIS_BENCH', references: "
              "[{document: 'bench', clause: '-'}]};\n"
              "export function body(ctx) { ctx.expectEqual(1, 1, 'never runs'); }\n");
        write(QStringLiteral("lab-profile.json"),
              R"({"name": "lab-vendor-x", "derivations": {"kma": {"label": "LAB-Kma"}},)"
              R"( "serviceConnection": {"kmcConfirmLabel": "LAB-Kmc-confirm"}})");
        auto opened = Journal::open(dir.filePath(QStringLiteral("journal.sqlite")));
        ASSERT_TRUE(opened) << opened.error().message.toStdString();
        journal = std::move(*opened);
        auto loaded = loadSuite({dir.filePath(QStringLiteral("TC_PROFILE_RECORD.js"))});
        ASSERT_TRUE(loaded) << loaded.error().message.toStdString();
        suite = *loaded;
    }

    void write(const QString &name, const QByteArray &text) {
        QFile f(dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    /// Runs the suite with `options` and returns the journal's record of that run.
    RunRecord runAndRead(const RunOptions &options) {
        trace::Trace trace;
        Runner runner(trace);
        runner.setJournal(journal.get());
        auto summary = runner.run(suite, options);
        EXPECT_TRUE(summary) << (summary ? "" : summary.error().message.toStdString());
        if (!summary) {
            return {};
        }
        EXPECT_TRUE(summary->results.isEmpty()); // nothing ran: the record is the point
        EXPECT_NE(summary->runId, 0);
        auto record = journal->run(summary->runId);
        EXPECT_TRUE(record) << (record ? "" : record.error().message.toStdString());
        return record ? *record : RunRecord{};
    }

    QTemporaryDir dir;
    std::unique_ptr<Journal> journal;
    Suite suite;
};

TEST_F(ProfileRecord, ARunRecordsTheDefaultProfileNameAndFingerprint) {
    const auto builtin = crypto::Profile::builtin();
    ASSERT_TRUE(builtin);

    const RunRecord record = runAndRead({});

    EXPECT_EQ(record.profile.value(QLatin1String("name")).toString(),
              QStringLiteral("m2mbench-default"));
    EXPECT_EQ(record.profileFingerprint, builtin->fingerprint());
    EXPECT_EQ(record.profileFingerprint.size(), 64); // SHA-256 in hex
    EXPECT_EQ(record.profile, builtin->toJson());
}

TEST_F(ProfileRecord, ARunRecordsTheLabsProfileItWasGiven) {
    RunOptions options;
    options.profileFile = dir.filePath(QStringLiteral("lab-profile.json"));
    const auto lab = crypto::Profile::load(options.profileFile);
    ASSERT_TRUE(lab) << lab.error().message.toStdString();

    const RunRecord record = runAndRead(options);

    EXPECT_EQ(record.profile.value(QLatin1String("name")).toString(),
              QStringLiteral("lab-vendor-x"));
    EXPECT_EQ(record.profileFingerprint, lab->fingerprint());
    EXPECT_NE(record.profileFingerprint, crypto::Profile::builtin()->fingerprint());
    // The whole profile as applied, the lab's values and the defaults it did not name.
    const QJsonObject derivations = record.profile.value(QLatin1String("derivations")).toObject();
    EXPECT_EQ(derivations.value(QLatin1String("kma")).toObject().value(QLatin1String("label")),
              QStringLiteral("LAB-Kma"));
    EXPECT_EQ(derivations.value(QLatin1String("kmr")).toObject().value(QLatin1String("label")),
              QStringLiteral("ETSI-M2M-Kmr"));
    EXPECT_EQ(record.profile.value(QLatin1String("serviceConnection"))
                  .toObject()
                  .value(QLatin1String("kmcConfirmLabel")),
              QStringLiteral("LAB-Kmc-confirm"));
}

TEST_F(ProfileRecord, ARerunWithTheRecordedProfileRecordsTheSameFingerprint) {
    RunOptions first;
    first.profileFile = dir.filePath(QStringLiteral("lab-profile.json"));
    const RunRecord original = runAndRead(first);
    ASSERT_FALSE(original.profile.isEmpty());

    RunOptions again;
    again.profileJson = original.profile; // what a rerun from the journal hands the runner
    const RunRecord rerun = runAndRead(again);

    EXPECT_NE(rerun.id, original.id);
    EXPECT_EQ(rerun.profileFingerprint, original.profileFingerprint);
    EXPECT_EQ(rerun.profile.value(QLatin1String("name")).toString(),
              QStringLiteral("lab-vendor-x"));
}

} // namespace
