// SPDX-License-Identifier: Apache-2.0
// The reference NSCL's resources survive a restart through its SQLite log
// (core/nodes/nscl/nscl_persistence.h).
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"
#include "tests/support/printers.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using mid::Method;
using mid::StatusCode;

namespace {

const QByteArray kNs = "xmlns:m2m=\"http://uri.etsi.org/m2m\"";

class NsclPersistenceTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("nscl.db"));
    }

    /// A fresh service on the log; returns how many requests it restored.
    qint64 restart() {
        m_service = std::make_unique<NsclService>(NsclConfig{}, m_clock);
        auto restored = m_service->openLog(m_db);
        EXPECT_TRUE(restored) << (restored ? "" : restored.error().message.toStdString());
        return restored ? *restored : -1;
    }

    mid::Response call(Method m, const QString &target, const QByteArray &body = {}) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = QStringLiteral("gscl-1");
        r.body = body;
        r.contentType = body.isEmpty() ? QString() : QStringLiteral("text/plain");
        if (body.startsWith('<')) {
            r.contentType = QStringLiteral("application/xml");
        }
        return m_service->handle(r);
    }

    void populate() {
        mid::Scl scl;
        scl.sclId = QStringLiteral("gscl-1");
        scl.pocs = {QStringLiteral("http://gscl.invalid/m2m")};
        scl.expirationTime = m_clock.now().addSecs(3600);
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls"), mid::encodeScl(scl)).status,
                  StatusCode::Created);
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                       "<m2m:container " + kNs + " m2m:id=\"temp\"/>")
                      .status,
                  StatusCode::Created);
        m_clock.advanceMs(1500);
        for (const char *reading : {"20.5", "21.0", "21.5"}) {
            ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers/temp/contentInstances"),
                           reading)
                          .status,
                      StatusCode::Created);
            m_clock.advanceMs(1000);
        }
        ASSERT_EQ(
            call(Method::Delete, QStringLiteral("/m2m/containers/temp/contentInstances/oldest"))
                .status,
            StatusCode::Ok);
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls/gscl-1/mgmtObjs"),
                       "<m2m:mgmtCmd " + kNs +
                           " m2m:id=\"reboot\"><m2m:cmdType>REBOOT</m2m:cmdType>"
                           "</m2m:mgmtCmd>")
                      .status,
                  StatusCode::Created);
        ASSERT_EQ(
            call(Method::Update, QStringLiteral("/m2m/scls/gscl-1/mgmtObjs/reboot/execEnable"))
                .status,
            StatusCode::Created);
        // A refused request is not logged and changes nothing after the restart either.
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                       "<m2m:container " + kNs + " m2m:id=\"temp\"/>")
                      .status,
                  StatusCode::Conflict);
    }

    QTemporaryDir m_dir;
    QString m_db;
    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

TEST_F(NsclPersistenceTest, EveryResourceComesBackAsItWasAfterARestart) {
    EXPECT_EQ(restart(), 0);
    populate();
    const QStringList targets = {
        QStringLiteral("/m2m"),
        QStringLiteral("/m2m/scls"),
        QStringLiteral("/m2m/scls/gscl-1"),
        QStringLiteral("/m2m/containers/temp"),
        QStringLiteral("/m2m/containers/temp/contentInstances"),
        QStringLiteral("/m2m/containers/temp/contentInstances/latest"),
        QStringLiteral("/m2m/scls/gscl-1/mgmtObjs/reboot/execInstances"),
        QStringLiteral("/m2m/scls/gscl-1/mgmtObjs/reboot/execInstances/exec-1"),
    };
    QList<QByteArray> before;
    for (const QString &t : targets) {
        const mid::Response r = call(Method::Retrieve, t);
        ASSERT_EQ(r.status, StatusCode::Ok) << t.toStdString();
        before.append(r.body);
    }
    m_clock.advanceMs(60000); // the restart happens later; restored times are the original ones
    EXPECT_EQ(restart(), 8);
    for (int i = 0; i < targets.size(); ++i) {
        const mid::Response r = call(Method::Retrieve, targets[i]);
        ASSERT_EQ(r.status, StatusCode::Ok) << targets[i].toStdString();
        EXPECT_EQ(r.body.toStdString(), before[i].toStdString()) << targets[i].toStdString();
    }
    // The NSCL goes on from the restored state: the next run of the command is exec-2.
    const mid::Response next =
        call(Method::Update, QStringLiteral("/m2m/scls/gscl-1/mgmtObjs/reboot/execEnable"));
    EXPECT_TRUE(next.location.endsWith(QStringLiteral("exec-2"))) << next.location.toStdString();
    EXPECT_TRUE(m_service->logError().isEmpty());
}

TEST_F(NsclPersistenceTest, WhatExpiredWhileTheNsclWasDownIsGone) {
    restart();
    populate();
    m_clock.advanceMs(2 * 3600 * 1000); // past the <scl>'s expirationTime
    restart();
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/gscl-1")).status,
              StatusCode::NotFound);
    EXPECT_TRUE(m_service->registeredScls().isEmpty());
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/gscl-1/mgmtObjs")).status,
              StatusCode::NotFound);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/containers/temp")).status,
              StatusCode::Ok);
}

TEST_F(NsclPersistenceTest, AFileThatIsNotADatabaseIsRefusedWithItsName) {
    QFile f(m_db);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    NsclService service(NsclConfig{}, m_clock);
    auto restored = service.openLog(m_db);
    ASSERT_FALSE(restored);
    EXPECT_TRUE(restored.error().message.contains(m_db)) << restored.error().message.toStdString();
}

TEST_F(NsclPersistenceTest, ADamagedLogEntryIsReportedNotReplayedBlindly) {
    restart();
    populate();
    m_service.reset();
    {
        SqliteDb db;
        ASSERT_TRUE(db.open(m_db));
        ASSERT_TRUE(db.exec("UPDATE nscl_requests SET method = 42 WHERE seq = 3"));
    }
    NsclService service(NsclConfig{}, m_clock);
    auto restored = service.openLog(m_db);
    ASSERT_FALSE(restored);
    EXPECT_TRUE(restored.error().message.contains(QLatin1String("damaged")))
        << restored.error().message.toStdString();
}

} // namespace
