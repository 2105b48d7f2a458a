// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/xml.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench::mid;

TEST(Xml, ParsesNamespacesAttributesAndText) {
    const auto doc =
        parseXml("<?xml version=\"1.0\"?><m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" "
                 "sclId=\"g\"><m2m:pocs><reference>a</reference><reference>b</reference>"
                 "</m2m:pocs></m2m:scl>");

    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->ns, QLatin1String(kM2mNamespace));
    EXPECT_EQ(doc->name, QStringLiteral("scl"));
    EXPECT_EQ(doc->attribute(u"sclId"), QStringLiteral("g"));
    EXPECT_EQ(doc->select(u"pocs/reference"),
              QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_EQ(doc->select(u"@sclId"), QStringList({QStringLiteral("g")}));
    EXPECT_TRUE(doc->select(u"nothing/here").isEmpty());
}

TEST(Xml, RejectsDtdsSoNoEntityCanExpand) {
    const auto doc =
        parseXml("<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaa\">]><x>&a;</x>");

    ASSERT_FALSE(doc);
    EXPECT_TRUE(doc.error().message.contains(QLatin1String("document type")));
}

TEST(Xml, ReportsWhereMalformedDocumentsBreak) {
    const auto doc = parseXml("<a>\n<b></a>");

    ASSERT_FALSE(doc);
    EXPECT_TRUE(doc.error().message.contains(QLatin1String("line 2")));
}

TEST(Xml, EnforcesDepthAndSizeLimits) {
    QByteArray deep;
    for (int i = 0; i < 100; ++i) {
        deep += "<a>";
    }
    XmlLimits small;
    small.maxBytes = 10;

    EXPECT_FALSE(parseXml(deep));
    EXPECT_FALSE(parseXml("<a>0123456789</a>", small));
    EXPECT_FALSE(parseXml(""));
}

TEST(Xml, WritesQualifiedAndLocalElements) {
    XmlNode root = m2mElement(QStringLiteral("scl"));
    root.attributes.append({QString(), QStringLiteral("sclId"), QStringLiteral("g")});
    XmlNode pocs = m2mElement(QStringLiteral("pocs"));
    pocs.children.append(localElement(QStringLiteral("reference"), QStringLiteral("x&y")));
    root.children.append(pocs);

    const QByteArray out = writeXml(root);

    EXPECT_TRUE(out.contains("<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g\">"))
        << out.constData();
    EXPECT_TRUE(out.contains("<m2m:pocs><reference>x&amp;y</reference></m2m:pocs>"))
        << out.constData();
    const auto back = parseXml(out);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->select(u"pocs/reference").value(0), QStringLiteral("x&y"));
    EXPECT_TRUE(back->children.first().children.first().ns.isEmpty());
}
