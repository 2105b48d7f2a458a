// SPDX-License-Identifier: Apache-2.0
// The D/GSCL procedure layer (DgSclAgent) of the emulated D/G node against the reference NSCL
// on 127.0.0.1: registration, STATUS_CONFLICT, bounded retries, refresh, deregistration, data,
// and hostile answers scripted through the NSCL's hook.
#include "core/nodes/device/dgscl_agent.h"
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/mid/resources.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>

#include <atomic>
#include <future>

using namespace m2mbench;
using namespace m2mbench::nodes;

namespace {

const QString kSclId = QStringLiteral("gscl-agent-01");

/// What the NSCL's hook does with a request: nullopt lets the NSCL answer.
using Script = std::function<std::optional<mid::Response>(const mid::Request &, int n)>;

class DgSclAgentTest : public ::testing::Test {
protected:
    void SetUp() override {
        NsclConfig config;
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            // The NSCL refuses any body of the node that the schemas refuse.
            config.validator = mid::XsdValidator::open(dir).value();
            m_validator = config.validator;
        }
        const quint16 port = m_net.invoke([&] {
            m_nscl = new NsclNode(config);
            m_nscl->setMidHook(
                [this](const QString &, const mid::Request &r, const QByteArray &,
                       const std::function<mid::Response(const mid::Request &)> &next) {
                    Script script;
                    int n = 0;
                    {
                        QMutexLocker lock(&m_mutex);
                        m_seen.append(r);
                        n = static_cast<int>(m_seen.size());
                        script = m_script;
                    }
                    if (script) {
                        if (auto answer = script(r, n)) {
                            return *answer;
                        }
                    }
                    return next(r);
                });
            return m_nscl->listenHttp(QHostAddress::LocalHost, 0).value();
        });
        DeviceConfig dc;
        dc.port = port;
        m_config.sclId = kSclId;
        m_config.pocs = {QStringLiteral("http://gscl-agent-01.invalid/m2m")};
        m_config.backoffMs = 50;
        m_config.maxBackoffMs = 400;
        m_config.requestTimeoutMs = 2000;
        m_config.applications = {{QStringLiteral("app-temp"), {QStringLiteral("temp")}, {}}};
        m_config.gateway = true;
        m_config.attachedDevices = {QStringLiteral("legacy-01")};
        m_net.invoke([&] {
            m_device = new DeviceNode(dc, &m_trace);
            m_agent = new DgSclAgent(m_device, m_config, &m_trace);
        });
    }

    void TearDown() override {
        m_net.invoke([this] {
            delete m_agent;
            delete m_device;
            delete m_nscl;
        });
    }

    void script(Script s) {
        QMutexLocker lock(&m_mutex);
        m_script = std::move(s);
    }

    /// Runs one procedure on the network thread and waits for its `done` (bounded).
    std::pair<bool, QString> run(const std::function<void(DgSclAgent::Done)> &procedure) {
        auto p = std::make_shared<std::promise<std::pair<bool, QString>>>();
        auto calls = std::make_shared<std::atomic_int>(0);
        auto f = p->get_future();
        m_net.post([&procedure, p, calls] {
            procedure([p, calls](bool ok, const QString &why) {
                if (calls->fetch_add(1) == 0) {
                    p->set_value({ok, why});
                }
            });
        });
        EXPECT_EQ(f.wait_for(std::chrono::seconds(20)), std::future_status::ready);
        m_doneCalls = calls;
        return f.get();
    }

    int count(mid::Method method, const QString &targetEnd) {
        QMutexLocker lock(&m_mutex);
        int n = 0;
        for (const mid::Request &r : m_seen) {
            n += r.method == method && r.target.endsWith(targetEnd) ? 1 : 0;
        }
        return n;
    }

    DgSclStatus status() {
        return m_net.invoke([this] { return m_agent->status(); });
    }

    mid::Response nsclRead(const QString &path) {
        mid::Request r;
        r.target = path;
        r.requestingEntity = kSclId;
        return m_nscl->service().handle(r);
    }

    NetworkThread m_net{QStringLiteral("test-dgscl")};
    trace::Trace m_trace;
    NsclNode *m_nscl = nullptr;
    DeviceNode *m_device = nullptr;
    DgSclAgent *m_agent = nullptr;
    DgSclConfig m_config;
    std::shared_ptr<mid::XsdValidator> m_validator;
    std::shared_ptr<std::atomic_int> m_doneCalls;
    QMutex m_mutex;
    QList<mid::Request> m_seen;
    Script m_script;
};

mid::Response scripted(mid::StatusCode status, const QByteArray &body = {}) {
    mid::Response r;
    r.status = status;
    r.body = body;
    r.contentType = QStringLiteral("application/xml");
    return r;
}

bool isRegistration(const mid::Request &r) {
    return r.method == mid::Method::Create && r.target.endsWith(QLatin1String("/m2m/scls"));
}

} // namespace

TEST_F(DgSclAgentTest, RegistersWithItsSclIdAndTheNsclHoldsIt) {
    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(status().state, DgSclState::Registered);
    EXPECT_EQ(status().attempts, 1);
    EXPECT_TRUE(status().expiry > QDateTime::currentDateTimeUtc());
    EXPECT_TRUE(m_nscl->service().registeredScls().contains(kSclId));
    QMutexLocker lock(&m_mutex);
    ASSERT_FALSE(m_seen.isEmpty());
    EXPECT_EQ(m_seen.first().requestingEntity, kSclId);
}

TEST_F(DgSclAgentTest, ConflictTakesUpTheExistingRegistration) {
    mid::Scl old;
    old.sclId = kSclId;
    old.expirationTime = QDateTime::currentDateTimeUtc().addSecs(60);
    mid::Request pre;
    pre.method = mid::Method::Create;
    pre.target = QStringLiteral("/m2m/scls");
    pre.body = mid::encodeScl(old);
    ASSERT_EQ(m_nscl->service().handle(pre).status, mid::StatusCode::Created);

    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 1);
    EXPECT_EQ(count(mid::Method::Retrieve, QStringLiteral("/scls/") + kSclId), 1);
    EXPECT_EQ(count(mid::Method::Update, QStringLiteral("/scls/") + kSclId), 1);
    // The update asked for the configured lifetime, well beyond the old minute.
    EXPECT_GT(QDateTime::currentDateTimeUtc().secsTo(status().expiry), 600);
}

TEST_F(DgSclAgentTest, TransientRefusalIsRetriedWithGrowingBackOffThenGivenUp) {
    script([](const mid::Request &r, int) -> std::optional<mid::Response> {
        return isRegistration(r) ? std::optional(scripted(mid::StatusCode::ServiceUnavailable))
                                 : std::nullopt;
    });
    QElapsedTimer t;
    t.start();

    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

    EXPECT_FALSE(ok);
    EXPECT_TRUE(why.contains(QLatin1String("gave up after 3 attempts"))) << why.toStdString();
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 3);
    EXPECT_GE(t.elapsed(), 50 + 100); // the two back-offs
    EXPECT_EQ(status().state, DgSclState::Failed);
    QThread::msleep(500);
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 3) << "no attempt after "
                                                                             "giving up";
    EXPECT_EQ(m_doneCalls->load(), 1);
}

TEST_F(DgSclAgentTest, PermanentRefusalIsNotRepeated) {
    script([](const mid::Request &r, int) -> std::optional<mid::Response> {
        return isRegistration(r) ? std::optional(scripted(mid::StatusCode::Forbidden))
                                 : std::nullopt;
    });

    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

    EXPECT_FALSE(ok);
    EXPECT_TRUE(why.contains(QLatin1String("STATUS_FORBIDDEN"))) << why.toStdString();
    QThread::msleep(300);
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 1);
}

TEST_F(DgSclAgentTest, HostileCreatedAnswersNeverCountAsRegistered) {
    const QList<QByteArray> bodies = {
        QByteArray(),
        QByteArrayLiteral("<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId="),
        QByteArrayLiteral("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>"),
        QByteArrayLiteral("<m2m:errorInfo xmlns:m2m=\"http://uri.etsi.org/m2m\"/>"),
        QByteArrayLiteral("<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"other\"/>"),
        QByteArrayLiteral("<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:expirationTime>"
                          "2001-01-01T00:00:00Z</m2m:expirationTime></m2m:scl>"),
        QByteArray(300 * 1024, '<'),
    };
    for (const QByteArray &body : bodies) {
        m_net.invoke([this] { m_agent->stop(); });
        script([body](const mid::Request &r, int) -> std::optional<mid::Response> {
            return isRegistration(r) ? std::optional(scripted(mid::StatusCode::Created, body))
                                     : std::nullopt;
        });

        const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

        EXPECT_FALSE(ok) << body.left(80).toStdString();
        EXPECT_EQ(status().state, DgSclState::Failed) << body.left(80).toStdString();
        EXPECT_EQ(status().attempts, m_config.maxAttempts);
    }
}

TEST_F(DgSclAgentTest, MalformedCreatedAnswerIsFollowedByAnotherAttempt) {
    script([](const mid::Request &r, int n) -> std::optional<mid::Response> {
        if (isRegistration(r) && n == 1) {
            return scripted(mid::StatusCode::Created, "<m2m:scl");
        }
        return std::nullopt;
    });

    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(status().attempts, 2);
    EXPECT_TRUE(m_nscl->service().registeredScls().contains(kSclId));
}

TEST_F(DgSclAgentTest, RefreshesAShortGrantBeforeItExpires) {
    // The NSCL grants two seconds whatever the node asks.
    script([this](const mid::Request &r, int) -> std::optional<mid::Response> {
        if ((isRegistration(r) || r.method == mid::Method::Update) &&
            r.target.contains(QLatin1String("/scls"))) {
            auto doc = mid::parseXml(r.body);
            auto scl = doc ? mid::decodeScl(*doc) : Result<mid::Scl>();
            if (!doc || !scl) {
                return std::nullopt;
            }
            scl->expirationTime = QDateTime::currentDateTimeUtc().addSecs(2);
            mid::Request shorter = r;
            shorter.body = mid::encodeScl(*scl);
            return m_nscl->service().handle(shorter);
        }
        return std::nullopt;
    });
    const auto [ok, why] = run([this](auto done) { m_agent->registerScl(done); });
    ASSERT_TRUE(ok) << why.toStdString();

    QThread::msleep(3500);

    EXPECT_GE(count(mid::Method::Update, QStringLiteral("/scls/") + kSclId), 1);
    EXPECT_GE(status().refreshes, 1);
    EXPECT_TRUE(m_nscl->service().registeredScls().contains(kSclId)) << "expired despite refresh";
}

TEST_F(DgSclAgentTest, ATinyGrantDoesNotTurnTheRefreshIntoAStorm) {
    // A hostile NSCL grants 5 ms at a time, whatever the node asks.
    script([this](const mid::Request &r, int) -> std::optional<mid::Response> {
        if ((isRegistration(r) || r.method == mid::Method::Update) &&
            r.target.contains(QLatin1String("/scls"))) {
            mid::Response rsp = m_nscl->service().handle(r);
            auto doc = mid::parseXml(rsp.body);
            auto scl = doc ? mid::decodeScl(*doc) : Result<mid::Scl>();
            if (doc && scl) {
                scl->expirationTime = QDateTime::currentDateTimeUtc().addMSecs(5);
                rsp.body = mid::encodeScl(*scl);
            }
            return rsp;
        }
        return std::nullopt;
    });
    run([this](auto done) { m_agent->registerScl(done); });

    QThread::msleep(2500);

    // At most one refresh (or re-registration) a second.
    EXPECT_LE(count(mid::Method::Update, QStringLiteral("/scls/") + kSclId) +
                  count(mid::Method::Create, QStringLiteral("/m2m/scls")),
              1 + 3);
}

TEST_F(DgSclAgentTest, RefreshThatFindsNoRegistrationRegistersAgain) {
    ASSERT_TRUE(run([this](auto done) { m_agent->registerScl(done); }).first);
    mid::Request drop;
    drop.method = mid::Method::Delete;
    drop.target = QStringLiteral("/m2m/scls/") + kSclId;
    m_nscl->service().handle(drop);

    const auto [ok, why] = run([this](auto done) { m_agent->refresh(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 2);
    EXPECT_TRUE(m_nscl->service().registeredScls().contains(kSclId));
}

TEST_F(DgSclAgentTest, DeregistersByDelete) {
    ASSERT_TRUE(run([this](auto done) { m_agent->registerScl(done); }).first);

    const auto [ok, why] = run([this](auto done) { m_agent->deregister(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(status().state, DgSclState::Idle);
    EXPECT_FALSE(m_nscl->service().registeredScls().contains(kSclId));
}

TEST_F(DgSclAgentTest, PostsDataIntoItsApplicationsContainerRegisteringFirst) {
    const auto [ok, why] = run([this](auto done) {
        m_agent->postContent(QStringLiteral("app-temp"), "21.5", QStringLiteral("text/plain"),
                             done);
    });

    ASSERT_TRUE(ok) << why.toStdString();
    const QString container = QStringLiteral("/m2m/scls/") + kSclId + QStringLiteral("/containers");
    EXPECT_TRUE(m_nscl->service()
                    .containerIds(QStringLiteral("/m2m/scls/") + kSclId)
                    .contains(QStringLiteral("app-temp")));
    const mid::Response latest =
        nsclRead(container + QStringLiteral("/app-temp/contentInstances/latest/content"));
    EXPECT_EQ(latest.status, mid::StatusCode::Ok);
    EXPECT_EQ(latest.body, QByteArray("21.5"));
    EXPECT_EQ(status().instancesPosted, 1);
}

TEST_F(DgSclAgentTest, AnnouncementsAndAttachedDevicesAreSchemaValid) {
    if (!m_validator) {
        GTEST_SKIP() << "SKIPPED: TS 102 921 schemas not found at "
                     << test::xsdDirSearched().toStdString();
    }
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(60);
    for (const auto &[body, root] :
         {std::pair{
              encodeApplicationAnnc(QStringLiteral("app-temp"),
                                    QStringLiteral("http://g.invalid/m2m/applications/app-temp"),
                                    {QStringLiteral("temp")}, later),
              QStringLiteral("applicationAnnc")},
          std::pair{encodeAttachedDevice(QStringLiteral("legacy-01")),
                    QStringLiteral("attachedDevice")},
          std::pair{encodeContainer(QStringLiteral("c1"), {QStringLiteral("s")}),
                    QStringLiteral("container")},
          std::pair{encodeContentInstance("x", QStringLiteral("text/plain")),
                    QStringLiteral("contentInstance")}}) {
        auto valid = m_validator->validate(body, root);
        EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString()) << "\n"
                           << body.toStdString();
    }
}

TEST_F(DgSclAgentTest, AnnouncesItsApplicationsAndDeAnnouncesThem) {
    const QString announced =
        QStringLiteral("/m2m/scls/") + kSclId + QStringLiteral("/applications");

    const auto [ok, why] = run([this](auto done) { m_agent->announceApplications(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(status().announced, QStringList{QStringLiteral("app-temp")});
    EXPECT_EQ(nsclRead(announced + QStringLiteral("/app-temp")).status, mid::StatusCode::Ok);
    ASSERT_TRUE(
        run([this](auto done) { m_agent->deannounce(QStringLiteral("app-temp"), done); }).first);
    EXPECT_EQ(nsclRead(announced + QStringLiteral("/app-temp")).status, mid::StatusCode::NotFound);
    EXPECT_TRUE(status().announced.isEmpty());
}

TEST_F(DgSclAgentTest, RefusedAnnouncementIsReportedAndLeavesTheRegistration) {
    script([](const mid::Request &r, int) -> std::optional<mid::Response> {
        return r.method == mid::Method::Create && r.target.endsWith(QLatin1String("/applications"))
                   ? std::optional(scripted(mid::StatusCode::Forbidden))
                   : std::nullopt;
    });

    const auto [ok, why] = run([this](auto done) { m_agent->announceApplications(done); });

    EXPECT_FALSE(ok);
    EXPECT_TRUE(why.contains(QLatin1String("app-temp"))) << why.toStdString();
    EXPECT_EQ(status().state, DgSclState::Registered);
    QThread::msleep(200);
    EXPECT_EQ(count(mid::Method::Create, QStringLiteral("/applications")), 1);
}

TEST_F(DgSclAgentTest, GatewayReportsItsAttachedDevices) {
    const auto [ok, why] = run([this](auto done) { m_agent->reportAttachedDevices(done); });

    ASSERT_TRUE(ok) << why.toStdString();
    EXPECT_EQ(nsclRead(QStringLiteral("/m2m/scls/") + kSclId +
                       QStringLiteral("/attachedDevices/legacy-01"))
                  .status,
              mid::StatusCode::Ok);
    EXPECT_EQ(status().attachedDevices, QStringList{QStringLiteral("legacy-01")});
}

TEST_F(DgSclAgentTest, StopDropsWhatIsInFlight) {
    script([](const mid::Request &r, int) -> std::optional<mid::Response> {
        return isRegistration(r) ? std::optional(scripted(mid::StatusCode::ServiceUnavailable))
                                 : std::nullopt;
    });
    std::atomic_int calls = 0;
    m_net.invoke([&] { m_agent->registerScl([&calls](bool, const QString &) { ++calls; }); });
    QThread::msleep(20);

    m_net.invoke([this] { m_agent->stop(); });
    QThread::msleep(600);

    EXPECT_EQ(calls.load(), 0);
    EXPECT_LE(count(mid::Method::Create, QStringLiteral("/m2m/scls")), 2);
    EXPECT_EQ(status().state, DgSclState::Idle);
}
