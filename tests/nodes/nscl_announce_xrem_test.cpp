// SPDX-License-Identifier: Apache-2.0
// Announced resources (core/nodes/nscl/nscl_announced.h) and remote entity management
// (core/nodes/nscl/nscl_xrem.h) of the reference NSCL. Every XML answer is validated against
// the TS 102 921 schemas when they are available.
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using mid::Method;
using mid::StatusCode;

namespace {

const QByteArray kNs = "xmlns:m2m=\"http://uri.etsi.org/m2m\"";
const QString kScl = QStringLiteral("/m2m/scls/gscl-1");

class NsclAnnounceXremTest : public ::testing::Test {
protected:
    void SetUp() override { start({}); }

    void start(const QSet<QString> &faults) {
        NsclConfig config;
        config.faults = faults;
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            config.validator = mid::XsdValidator::open(dir).value();
        }
        m_service = std::make_unique<NsclService>(config, m_clock);
        mid::Scl scl;
        scl.sclId = QStringLiteral("gscl-1");
        scl.pocs = {QStringLiteral("http://gscl.invalid/m2m")};
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls"), mid::encodeScl(scl)).status,
                  StatusCode::Created);
    }

    mid::Response call(Method m, const QString &target, const QByteArray &body = {}) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = QStringLiteral("gscl-1");
        r.body = body;
        r.contentType = body.isEmpty() ? QString() : QStringLiteral("application/xml");
        mid::Response rsp = m_service->handle(r);
        if (m_service->config().validator && rsp.contentType.contains(QLatin1String("xml")) &&
            !rsp.body.isEmpty()) {
            const auto valid = m_service->config().validator->validate(rsp.body);
            EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString()) << "\n"
                               << rsp.body.toStdString();
        }
        return rsp;
    }

    static QStringList select(const mid::Response &r, const char *path) {
        auto doc = mid::parseXml(r.body);
        return doc ? doc->select(QString::fromLatin1(path)) : QStringList();
    }

    mid::Response announceApp(const QString &id, const QByteArray &extra = {}) {
        return call(Method::Create, kScl + QStringLiteral("/applications"),
                    "<m2m:applicationAnnc " + kNs + " id=\"" + id.toUtf8() +
                        "\"><m2m:link>http://gscl.invalid/m2m/applications/" + id.toUtf8() +
                        "</m2m:link>" + extra + "</m2m:applicationAnnc>");
    }

    mid::Response deviceInfo(const QString &host, const QByteArray &model) {
        return call(Method::Create, host + QStringLiteral("/mgmtObjs"),
                    "<m2m:mgmtObj " + kNs +
                        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                        "xsi:type=\"m2m:EtsiDeviceInfo\" m2m:id=\"deviceInfo\">"
                        "<m2m:moID>urn:oma:mo:oma-dm-devinfo:1.0</m2m:moID>"
                        "<m2m:parametersCollection/><m2m:manufacturer>ACME</m2m:manufacturer>"
                        "<m2m:model>" +
                        model + "</m2m:model></m2m:mgmtObj>");
    }

    mid::Response rebootCommand() {
        return call(Method::Create, kScl + QStringLiteral("/mgmtObjs"),
                    "<m2m:mgmtCmd " + kNs +
                        " m2m:id=\"reboot\"><m2m:description>restart</m2m:description>"
                        "<m2m:cmdType>REBOOT</m2m:cmdType></m2m:mgmtCmd>");
    }

    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

TEST_F(NsclAnnounceXremTest, AnApplicationIsAnnouncedListedAndDeannounced) {
    const mid::Response created = announceApp(QStringLiteral("temp"));
    ASSERT_EQ(created.status, StatusCode::Created) << created.body.toStdString();
    EXPECT_EQ(created.location, kScl + QStringLiteral("/applications/temp"));
    EXPECT_EQ(select(created, "link").value(0),
              QStringLiteral("http://gscl.invalid/m2m/applications/temp"));
    const mid::Response listing = call(Method::Retrieve, kScl + QStringLiteral("/applications"));
    ASSERT_EQ(listing.status, StatusCode::Ok);
    EXPECT_EQ(select(listing, "applicationAnncCollection/namedReference/@id"),
              QStringList{QStringLiteral("temp")});
    EXPECT_EQ(call(Method::Create, kScl + QStringLiteral("/applications"),
                   "<m2m:application " + kNs + " appId=\"x\"/>")
                  .status,
              StatusCode::BadRequest);
    EXPECT_EQ(announceApp(QStringLiteral("temp")).status, StatusCode::Conflict);
    EXPECT_EQ(call(Method::Delete, kScl + QStringLiteral("/applications/temp")).status,
              StatusCode::Ok);
    EXPECT_EQ(call(Method::Retrieve, kScl + QStringLiteral("/applications/temp")).status,
              StatusCode::NotFound);
}

TEST_F(NsclAnnounceXremTest, AnnouncedResourcesNeedALinkAndARegisteredScl) {
    EXPECT_EQ(call(Method::Create, kScl + QStringLiteral("/containers"),
                   "<m2m:containerAnnc " + kNs + " m2m:id=\"c\"/>")
                  .status,
              StatusCode::BadRequest);
    EXPECT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                   "<m2m:containerAnnc " + kNs +
                       " m2m:id=\"c\"><m2m:link>http://gscl.invalid/m2m/containers/c</m2m:link>"
                       "</m2m:containerAnnc>")
                  .status,
              StatusCode::BadRequest);
    EXPECT_EQ(call(Method::Create, kScl + QStringLiteral("/groups"),
                   "<m2m:containerAnnc " + kNs +
                       " m2m:id=\"c\"><m2m:link>http://gscl.invalid/m2m/containers/c</m2m:link>"
                       "</m2m:containerAnnc>")
                  .status,
              StatusCode::BadRequest);
    EXPECT_EQ(call(Method::Create, QStringLiteral("/m2m/scls/nobody/containers"),
                   "<m2m:containerAnnc " + kNs +
                       "><m2m:link>http://gscl.invalid/m2m/containers/c</m2m:link>"
                       "</m2m:containerAnnc>")
                  .status,
              StatusCode::NotFound);
}

TEST_F(NsclAnnounceXremTest, AnnouncedContainersSitBesideContainersAndBelowAnApplicationAnnc) {
    ASSERT_EQ(announceApp(QStringLiteral("temp")).status, StatusCode::Created);
    const QString below = kScl + QStringLiteral("/applications/temp/containers");
    const QByteArray annc = "<m2m:containerAnnc " + kNs +
                            " m2m:id=\"readings\"><m2m:link>http://gscl.invalid/m2m/applications/"
                            "temp/containers/readings</m2m:link><m2m:searchStrings>"
                            "<m2m:searchString>temperature</m2m:searchString></m2m:searchStrings>"
                            "</m2m:containerAnnc>";
    ASSERT_EQ(call(Method::Create, below, annc).status, StatusCode::Created);
    ASSERT_EQ(call(Method::Create, below, "<m2m:container " + kNs + " m2m:id=\"local\"/>").status,
              StatusCode::Created);
    EXPECT_EQ(
        call(Method::Create, below, "<m2m:container " + kNs + " m2m:id=\"readings\"/>").status,
        StatusCode::Conflict);
    const mid::Response listing = call(Method::Retrieve, below);
    ASSERT_EQ(listing.status, StatusCode::Ok) << listing.body.toStdString();
    EXPECT_EQ(select(listing, "containerCollection/namedReference/@id"),
              QStringList{QStringLiteral("local")});
    EXPECT_EQ(select(listing, "containerAnncCollection/namedReference/@id"),
              QStringList{QStringLiteral("readings")});
    // Discovery finds the announced container by its searchString.
    mid::Request d;
    d.method = Method::Retrieve;
    d.target = QStringLiteral("/m2m/discovery");
    d.query = {{QStringLiteral("searchString"), QStringLiteral("temperature")}};
    d.requestingEntity = QStringLiteral("gscl-1");
    const mid::Response found = m_service->handle(d);
    EXPECT_TRUE(found.body.contains((below + QStringLiteral("/readings")).toUtf8()))
        << found.body.toStdString();
    // De-registering the SCL takes its announcements and what is below them.
    ASSERT_EQ(call(Method::Delete, kScl).status, StatusCode::Ok);
    start({});
    EXPECT_EQ(call(Method::Retrieve, below + QStringLiteral("/readings")).status,
              StatusCode::NotFound);
}

TEST_F(NsclAnnounceXremTest, DeannouncingAnApplicationTakesWhatWasBelowIt) {
    ASSERT_EQ(announceApp(QStringLiteral("temp")).status, StatusCode::Created);
    const QString below = kScl + QStringLiteral("/applications/temp/containers");
    const QByteArray annc = "<m2m:containerAnnc " + kNs +
                            " m2m:id=\"readings\"><m2m:link>http://gscl.invalid/m2m/r</m2m:link>"
                            "</m2m:containerAnnc>";
    ASSERT_EQ(call(Method::Create, below, annc).status, StatusCode::Created);
    ASSERT_EQ(call(Method::Create, below, "<m2m:container " + kNs + " m2m:id=\"local\"/>").status,
              StatusCode::Created);
    ASSERT_EQ(call(Method::Delete, kScl + QStringLiteral("/applications/temp")).status,
              StatusCode::Ok);
    ASSERT_EQ(announceApp(QStringLiteral("temp")).status, StatusCode::Created);
    EXPECT_EQ(call(Method::Create, below, annc).status, StatusCode::Created);
    EXPECT_EQ(call(Method::Retrieve, below + QStringLiteral("/local")).status,
              StatusCode::NotFound);
}

TEST_F(NsclAnnounceXremTest, AnnouncementsExpireAndUpdatesKeepTheLink) {
    const QByteArray soon = "<m2m:expirationTime>" +
                            mid::formatDateTime(m_clock.now().addSecs(5)).toUtf8() +
                            "</m2m:expirationTime>";
    ASSERT_EQ(announceApp(QStringLiteral("temp"), soon).status, StatusCode::Created);
    const QString path = kScl + QStringLiteral("/applications/temp");
    EXPECT_EQ(call(Method::Update, path,
                   "<m2m:applicationAnnc " + kNs +
                       "><m2m:link>http://elsewhere.invalid/</m2m:link></m2m:applicationAnnc>")
                  .status,
              StatusCode::BadRequest);
    const mid::Response updated =
        call(Method::Update, path,
             "<m2m:applicationAnnc " + kNs +
                 "><m2m:searchStrings><m2m:searchString>room-2</m2m:searchString>"
                 "</m2m:searchStrings></m2m:applicationAnnc>");
    ASSERT_EQ(updated.status, StatusCode::Ok);
    EXPECT_EQ(select(updated, "searchStrings/searchString"), QStringList{QStringLiteral("room-2")});
    m_clock.advanceMs(6000);
    EXPECT_EQ(call(Method::Retrieve, path).status, StatusCode::NotFound);
}

TEST_F(NsclAnnounceXremTest, AnEtsiManagementObjectKeepsItsTypeAndElements) {
    const mid::Response created = deviceInfo(kScl, "X1");
    ASSERT_EQ(created.status, StatusCode::Created) << created.body.toStdString();
    const QString path = kScl + QStringLiteral("/mgmtObjs/deviceInfo");
    const mid::Response read = call(Method::Retrieve, path);
    ASSERT_EQ(read.status, StatusCode::Ok);
    EXPECT_EQ(select(read, "model"), QStringList{QStringLiteral("X1")});
    EXPECT_EQ(select(read, "manufacturer"), QStringList{QStringLiteral("ACME")});
    EXPECT_TRUE(read.body.contains("EtsiDeviceInfo")) << read.body.toStdString();
    const mid::Response updated = call(
        Method::Update, path, "<m2m:mgmtObj " + kNs + "><m2m:model>X2</m2m:model></m2m:mgmtObj>");
    ASSERT_EQ(updated.status, StatusCode::Ok) << updated.body.toStdString();
    EXPECT_EQ(select(updated, "model"), QStringList{QStringLiteral("X2")});
    EXPECT_EQ(select(updated, "manufacturer"), QStringList{QStringLiteral("ACME")});
    const mid::Response listing = call(Method::Retrieve, kScl + QStringLiteral("/mgmtObjs"));
    EXPECT_EQ(select(listing, "mgmtObjCollection/namedReference/@id"),
              QStringList{QStringLiteral("deviceInfo")});
    // A management object of an unknown type, or not valid for its type, is refused.
    if (m_service->config().validator) {
        EXPECT_EQ(call(Method::Create, kScl + QStringLiteral("/mgmtObjs"),
                       "<m2m:mgmtObj " + kNs +
                           " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                           "xsi:type=\"m2m:EtsiNoSuchThing\"><m2m:parametersCollection/>"
                           "</m2m:mgmtObj>")
                      .status,
                  StatusCode::BadRequest);
    }
}

TEST_F(NsclAnnounceXremTest, AManagementCommandRunsAsExecInstancesThatOnlyMoveForward) {
    ASSERT_EQ(rebootCommand().status, StatusCode::Created);
    const QString cmd = kScl + QStringLiteral("/mgmtObjs/reboot");
    const mid::Response run = call(Method::Update, cmd + QStringLiteral("/execEnable"));
    ASSERT_EQ(run.status, StatusCode::Created) << run.body.toStdString();
    EXPECT_EQ(select(run, "execStatus"), QStringList{QStringLiteral("INITIATED")});
    const QString exec = run.location;
    ASSERT_TRUE(exec.startsWith(cmd + QStringLiteral("/execInstances/")));
    const auto status = [&](const char *s) {
        return call(Method::Update, exec,
                    "<m2m:execInstance " + kNs + "><m2m:execStatus>" + QByteArray(s) +
                        "</m2m:execStatus></m2m:execInstance>");
    };
    EXPECT_EQ(status("STARTED").status, StatusCode::Ok);
    EXPECT_EQ(status("FINISHED").status, StatusCode::Ok);
    EXPECT_EQ(status("STARTED").status, StatusCode::Conflict);
    EXPECT_EQ(status("DONE").status, StatusCode::BadRequest);
    EXPECT_EQ(call(Method::Update, exec + QStringLiteral("/execDisable")).status,
              StatusCode::Conflict);
    const mid::Response second = call(Method::Update, cmd + QStringLiteral("/execEnable"));
    ASSERT_EQ(second.status, StatusCode::Created);
    const mid::Response cancelled =
        call(Method::Update, second.location + QStringLiteral("/execDisable"));
    EXPECT_EQ(select(cancelled, "execStatus"), QStringList{QStringLiteral("CANCELLING")});
    const mid::Response list = call(Method::Retrieve, cmd + QStringLiteral("/execInstances"));
    EXPECT_EQ(select(list, "execInstanceCollection/namedReference").size(), 2);
    EXPECT_EQ(call(Method::Retrieve, cmd + QStringLiteral("/execEnable")).status,
              StatusCode::MethodNotAllowed);
}

TEST_F(NsclAnnounceXremTest, AGatewayReportsAttachedDevicesWithTheirOwnManagementObjects) {
    const QString devices = kScl + QStringLiteral("/attachedDevices");
    const mid::Response created =
        call(Method::Create, devices, "<m2m:attachedDevice " + kNs + " m2m:id=\"meter-7\"/>");
    ASSERT_EQ(created.status, StatusCode::Created) << created.body.toStdString();
    const QString dev = devices + QStringLiteral("/meter-7");
    EXPECT_EQ(select(created, "mgmtObjsReference"), QStringList{dev + QStringLiteral("/mgmtObjs")});
    ASSERT_EQ(deviceInfo(dev, "M7").status, StatusCode::Created);
    EXPECT_EQ(m_service->mgmtIds(dev), QStringList{QStringLiteral("deviceInfo")});
    EXPECT_EQ(
        select(call(Method::Retrieve, devices), "attachedDeviceCollection/namedReference/@id"),
        QStringList{QStringLiteral("meter-7")});
    ASSERT_EQ(call(Method::Delete, dev).status, StatusCode::Ok);
    ASSERT_EQ(call(Method::Create, devices, "<m2m:attachedDevice " + kNs + " m2m:id=\"meter-7\"/>")
                  .status,
              StatusCode::Created);
    EXPECT_TRUE(m_service->mgmtIds(dev).isEmpty());
}

TEST_F(NsclAnnounceXremTest, EachFaultOfTheFamilyShowsItself) {
    start({QStringLiteral("annc-not-listed")});
    ASSERT_EQ(announceApp(QStringLiteral("a")).status, StatusCode::Created);
    EXPECT_TRUE(select(call(Method::Retrieve, kScl + QStringLiteral("/applications")),
                       "applicationAnncCollection/namedReference")
                    .isEmpty());
    start({QStringLiteral("mgmtcmd-no-exec-instance")});
    ASSERT_EQ(rebootCommand().status, StatusCode::Created);
    const mid::Response run =
        call(Method::Update, kScl + QStringLiteral("/mgmtObjs/reboot/execEnable"));
    EXPECT_EQ(call(Method::Retrieve, run.location).status, StatusCode::NotFound);
    start({QStringLiteral("mgmtobj-attributes-dropped")});
    ASSERT_EQ(deviceInfo(kScl, "X1").status, StatusCode::Created);
    EXPECT_TRUE(
        select(call(Method::Retrieve, kScl + QStringLiteral("/mgmtObjs/deviceInfo")), "model")
            .isEmpty());
}

} // namespace
