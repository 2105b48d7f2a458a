// SPDX-License-Identifier: Apache-2.0
// The EAP-TLS key tree both ends of a bootstrap record (the device and the MSBF, on 127.0.0.1):
// one Key_Material root whose formula follows the TLS version (RFC 5216 TLS-PRF with the suite's
// PRF hash for TLS 1.2, RFC 9190 exporter for TLS 1.3), with MSK and EMSK as its children.
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::test;

namespace {

struct KeyTree {
    crypto::DerivationPtr keyMaterial;
    QStringList rootNames;
    QStringList childNames;
};

KeyTree keyTreeOf(const crypto::KeyRecorder &keys) {
    KeyTree t;
    for (const auto &root : keys.roots()) {
        t.rootNames << root->name;
        if (root->name == u"Key_Material") {
            t.keyMaterial = root;
        }
    }
    if (t.keyMaterial) {
        for (const auto &child : keys.children(t.keyMaterial->id)) {
            t.childNames << child->name;
        }
    }
    return t;
}

/// Both ends after one bootstrap limited to `maxVersion`.
struct Trees {
    nodes::BootstrapResult result;
    KeyTree device;
    KeyTree msbf;
};

Trees bootstrapWith(int maxVersion) {
    BootBed bed;
    nodes::MsbfConfig msbfConfig;
    msbfConfig.tlsMaxVersion = maxVersion;
    bed.startMsbf(msbfConfig);
    nodes::DeviceBootstrapConfig c = bed.deviceConfig();
    c.tlsMaxVersion = maxVersion;
    Trees t;
    t.result = bed.bootstrap(c);
    t.device = bed.net.invoke([&] { return keyTreeOf(bed.device->keys()); });
    t.msbf = bed.sut.invoke([&] { return keyTreeOf(bed.msbf->keys()); });
    return t;
}

void expectOneRoot(const KeyTree &t, const char *side) {
    EXPECT_EQ(t.rootNames.count(QStringLiteral("Key_Material")), 1)
        << side << " roots: " << t.rootNames.join(u", ").toStdString();
    ASSERT_TRUE(t.keyMaterial) << side;
    EXPECT_EQ(t.childNames, (QStringList{QStringLiteral("MSK"), QStringLiteral("EMSK")})) << side;
}

} // namespace

TEST(BootKeyTree, Tls12WithASha384SuiteHasOneTlsPrfRootOnBothSides) {
    const Trees t = bootstrapWith(0x0303);

    ASSERT_EQ(t.result.outcome, nodes::BootstrapResult::Outcome::Bootstrapped)
        << t.result.reason.toStdString();
    ASSERT_EQ(t.result.tlsCipher, QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384"));
    for (const auto &[side, tree] : {std::pair{"device", &t.device}, std::pair{"MSBF", &t.msbf}}) {
        expectOneRoot(*tree, side);
        if (!tree->keyMaterial) {
            continue;
        }
        EXPECT_EQ(tree->keyMaterial->formulaId, QStringLiteral("eap_tls_prf")) << side;
        EXPECT_TRUE(tree->keyMaterial->formula.startsWith(QLatin1String("TLS-PRF-128(")))
            << side << ": " << tree->keyMaterial->formula.toStdString();
        EXPECT_TRUE(tree->keyMaterial->formula.contains(QLatin1String("SHA-384")))
            << side << ": " << tree->keyMaterial->formula.toStdString();
        EXPECT_TRUE(tree->keyMaterial->formula.contains(QLatin1String("RFC 5216")));
        EXPECT_FALSE(tree->keyMaterial->formula.contains(QLatin1String("EXPORTER")));
        ASSERT_EQ(tree->keyMaterial->inputs.size(), 3) << side;
        EXPECT_EQ(tree->keyMaterial->inputs.first().name, QStringLiteral("master_secret"));
    }
    ASSERT_TRUE(t.device.keyMaterial && t.msbf.keyMaterial);
    EXPECT_TRUE(t.device.keyMaterial->output.equals(t.msbf.keyMaterial->output));
}

TEST(BootKeyTree, Tls13HasOneExporterRootOnBothSides) {
    const Trees t = bootstrapWith(0x0304);

    ASSERT_EQ(t.result.outcome, nodes::BootstrapResult::Outcome::Bootstrapped)
        << t.result.reason.toStdString();
    ASSERT_EQ(t.result.tlsVersion, QStringLiteral("TLS 1.3"));
    for (const auto &[side, tree] : {std::pair{"device", &t.device}, std::pair{"MSBF", &t.msbf}}) {
        expectOneRoot(*tree, side);
        if (!tree->keyMaterial) {
            continue;
        }
        EXPECT_TRUE(tree->keyMaterial->formula.startsWith(
            QLatin1String("TLS-Exporter(\"EXPORTER_EAP_TLS_Key_Material\", 0x0D, 128)")))
            << side << ": " << tree->keyMaterial->formula.toStdString();
        EXPECT_TRUE(tree->keyMaterial->formula.contains(QLatin1String("RFC 9190")));
    }
}
