// SPDX-License-Identifier: Apache-2.0
// The fault catalogue of the reference NSCL: names are unique and documented, unknown names are
// refused, and a fault changes only what it names.
#include "core/nodes/nscl/nscl_faults.h"
#include "core/nodes/nscl/nscl_service.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QRegularExpression>

using namespace m2mbench;
using namespace m2mbench::nodes;

TEST(NsclFaults, EveryFaultIsDocumented) {
    QFile doc(test::sourceDir() + QStringLiteral("/docs/nscl-faults.md"));
    ASSERT_TRUE(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    QSet<QString> seen;
    const auto &catalogue = nsclFaultCatalogue();
    EXPECT_GE(catalogue.size(), 28);
    for (const NsclFault &f : catalogue) {
        EXPECT_FALSE(seen.contains(f.name)) << "duplicate " << f.name.toStdString();
        seen.insert(f.name);
        EXPECT_TRUE(QRegularExpression(QStringLiteral("^[a-z0-9-]+$")).match(f.name).hasMatch());
        EXPECT_TRUE(text.contains(QStringLiteral("| `%1` |").arg(f.name)))
            << f.name.toStdString() << " is missing from docs/nscl-faults.md";
    }
    // And nothing documented that the catalogue does not have.
    const QRegularExpression row(QStringLiteral("^\\| `([a-z0-9-]+)` \\|"),
                                 QRegularExpression::MultilineOption);
    for (auto it = row.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        EXPECT_TRUE(seen.contains(name)) << name.toStdString() << " is documented but unknown";
    }
}

TEST(NsclFaults, UnknownNamesAreRefusedByName) {
    EXPECT_TRUE(parseNsclFaults({}));
    EXPECT_TRUE(parseNsclFaults({QStringLiteral("scl-not-listed"), QStringLiteral(" ")}));
    auto bad = parseNsclFaults({QStringLiteral("scl-not-listed"), QStringLiteral("typo")});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, Error::Kind::Config);
    EXPECT_TRUE(bad.error().message.contains(QLatin1String("'typo'")));
}

TEST(NsclFaults, AFaultChangesOnlyWhatItNames) {
    // wrong-namespace rewrites every representation; scl-not-listed leaves others alone.
    ManualClock clock;
    NsclConfig faulty;
    faulty.faults = {QStringLiteral("scl-not-listed")};
    NsclService service(faulty, clock);
    mid::Request reg;
    reg.method = mid::Method::Create;
    reg.target = QStringLiteral("/m2m/scls");
    reg.body = "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g1\"/>";
    EXPECT_EQ(service.handle(reg).status, mid::StatusCode::Created);
    mid::Request list;
    list.target = QStringLiteral("/m2m/scls");
    EXPECT_FALSE(service.handle(list).body.contains("g1"));
    mid::Request one;
    one.target = QStringLiteral("/m2m/scls/g1");
    EXPECT_EQ(service.handle(one).status, mid::StatusCode::Ok);

    NsclConfig ns;
    ns.faults = {QStringLiteral("wrong-namespace")};
    NsclService other(ns, clock);
    mid::Request base;
    base.target = QStringLiteral("/m2m");
    const QByteArray body = other.handle(base).body;
    EXPECT_TRUE(body.contains("\"http://uri.etsi.org/m2m/1.0\"")) << body.toStdString();
    EXPECT_FALSE(body.contains("\"http://uri.etsi.org/m2m\""));
}
