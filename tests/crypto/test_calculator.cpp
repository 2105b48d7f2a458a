// SPDX-License-Identifier: Apache-2.0
// `m2mbench-cli derive`, run in-process: every kind's --json output against the library, and
// the one-line, exit-code-2 errors for bad input.
#include "core/crypto/calculator.h"
#include "core/crypto/cps_keys.h"
#include "core/crypto/envelope.h"
#include "core/crypto/kdf.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/tls_keys.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

namespace m2mbench::crypto::test {
namespace {

struct CliRun {
    int code = -1;
    QString out;
    QString err;
    [[nodiscard]] QJsonObject json() const {
        return QJsonDocument::fromJson(out.toUtf8()).object();
    }
    [[nodiscard]] QString output() const {
        return json().value(QLatin1String(kCalculatorOutputKey)).toString();
    }
};

CliRun derive(const QStringList &args) {
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = runDeriveCalculator(args, out, err);
    out.flush();
    err.flush();
    return run;
}

const QJsonObject &inputs() {
    static const QJsonObject object = loadDataFile(QStringLiteral("profile_vectors.json"))
                                          .value(QLatin1String("inputs"))
                                          .toObject();
    return object;
}

QString v(const char *name) {
    const QJsonValue value = inputs().value(QLatin1String(name));
    return value.isDouble() ? QString::number(value.toInt()) : value.toString();
}

QByteArray b(const char *name) {
    return hex(v(name));
}

NamedKey k(const char *name, const QByteArray &value) {
    return NamedKey{QString::fromLatin1(name), secret(value), {}};
}

/// --input NAME=VALUE for each name, values from profile_vectors.json.
QStringList args(const QString &kind, std::initializer_list<const char *> names,
                 const QStringList &extra = {}) {
    QStringList out{kind};
    for (const char *name : names) {
        out << QStringLiteral("--input")
            << QStringLiteral("%1=%2").arg(QLatin1String(name), v(name));
    }
    return out + extra + QStringList{QStringLiteral("--json")};
}

Profile profile() {
    return *Profile::builtin();
}

QByteArray hexOf(const Result<trace::KeyDerivation> &record) {
    return record ? record->output.exposeBytes() : QByteArrayLiteral("LIBRARY-FAILED");
}

struct KindCase {
    const char *name;
    std::function<QStringList()> arguments;
    std::function<QByteArray()> library;
};

const QByteArray kKmr(32, '\x33');

const QByteArray kKar(32, '\x42');
const QByteArray kKas(32, '\x24');
const QString kKarHex = QString::fromLatin1(kKar.toHex());
const QString kKasHex = QString::fromLatin1(kKas.toHex());

std::vector<KindCase> hierarchyCases() {
    return {
        {"m2m_kdf",
         [] {
             return QStringList{QStringLiteral("m2m-kdf"),
                                QStringLiteral("-i"),
                                QStringLiteral("K=0b0b0b0b"),
                                QStringLiteral("-i"),
                                QStringLiteral("label=ETSI-M2M-Test"),
                                QStringLiteral("-i"),
                                QStringLiteral("context=0102"),
                                QStringLiteral("-i"),
                                QStringLiteral("L=40"),
                                QStringLiteral("--json")};
         },
         [] {
             return m2mKdf(secretHex("0b0b0b0b"), QStringLiteral("ETSI-M2M-Test"), hex("0102"), 40)
                 ->exposeBytes();
         }},
        {"eap_tls",
         [] {
             return QStringList{QStringLiteral("eap-tls"),
                                QStringLiteral("-i"),
                                QStringLiteral("master_secret=") + QString(96, u'5'),
                                QStringLiteral("-i"),
                                QStringLiteral("client_random=") + v("client_random"),
                                QStringLiteral("-i"),
                                QStringLiteral("server_random=") + v("server_random"),
                                QStringLiteral("--json")};
         },
         [] {
             return eapTlsKeyMaterial(secret(hex(QString(96, u'5'))), b("client_random"),
                                      b("server_random"))
                 ->exposeBytes();
         }},
        {"kmr_eap",
         [] {
             return args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID", "M2M-Node-ID"});
         },
         [] {
             return hexOf(
                 deriveKmrFromEmsk(profile(), k("EMSK", b("EMSK")), v("SP-ID"), b("M2M-Node-ID")));
         }},
        {"kmr_msk",
         [] {
             return args(QStringLiteral("kmr-msk"), {"MSK", "SP-ID", "M2M-Node-ID"});
         },
         [] {
             return hexOf(
                 deriveKmrFromMsk(profile(), k("MSK", b("MSK")), v("SP-ID"), b("M2M-Node-ID")));
         }},
        {"ks_naf",
         [] {
             return args(QStringLiteral("ks-naf"), {"Ks", "RAND", "IMPI"},
                         {QStringLiteral("--input"), QStringLiteral("NAF-Id=text:naf.example")});
         },
         [] {
             return hexOf(deriveKsExtNaf(k("Ks", b("Ks")), b("RAND"), v("IMPI"),
                                         QByteArrayLiteral("naf.example")));
         }},
        {"kmr_gba",
         [] {
             return args(QStringLiteral("kmr-gba"), {"Ks", "RAND", "IMPI", "MSBF-FQDN"});
         },
         [] {
             return hexOf(deriveKmrFromGba(profile(), k("Ks", b("Ks")), b("RAND"), v("IMPI"),
                                           v("MSBF-FQDN")));
         }},
        {"kmc",
         [] {
             return args(QStringLiteral("kmc"),
                         {"M2M-Node-ID", "Kmc-index", "client_random", "server_random"},
                         {QStringLiteral("--input"),
                          QStringLiteral("Kmr=") + QString::fromLatin1(kKmr.left(32).toHex())});
         },
         [] {
             return hexOf(deriveKmc(profile(), k("Kmr", kKmr.left(32)), b("M2M-Node-ID"), 7,
                                    b("client_random"), b("server_random")));
         }},
        {"kmc_eap",
         [] {
             return args(QStringLiteral("kmc-eap"), {"MSK", "M2M-Node-ID", "Kmc-index"});
         },
         [] {
             return hexOf(deriveKmcFromMsk(profile(), k("MSK", b("MSK")), b("M2M-Node-ID"), 7));
         }},
        {"kma",
         [] {
             return args(QStringLiteral("kma"), {"App-ID"},
                         {QStringLiteral("-i"), QStringLiteral("Kmc=") + QString(64, u'c')});
         },
         [] { return hexOf(deriveKma(profile(), k("Kmc", hex(QString(64, u'c'))), v("App-ID"))); }},
    };
}

std::vector<KindCase> cpsCases() {
    return {
        {"kar_eap",
         [] {
             return args(QStringLiteral("kar-eap"), {"EMSK_cps", "entity-ID"});
         },
         [] {
             return hexOf(
                 deriveKarFromEmsk(profile(), k("EMSK_cps", b("EMSK_cps")), v("entity-ID")));
         }},
        {"dh",
         [] {
             return args(QStringLiteral("dh"), {"private", "peer-public"});
         },
         [] {
             return hexOf(deriveDhSharedSecret(DhGroup::X25519, k("private", b("private")),
                                               b("peer-public")));
         }},
        {"kar_dh_from_keys",
         [] {
             return args(QStringLiteral("kar-dh"),
                         {"private", "peer-public", "entity-ID", "CPS-ID"});
         },
         [] {
             auto z = deriveDhSharedSecret(DhGroup::X25519, k("private", b("private")),
                                           b("peer-public"));
             return hexOf(deriveKarFromDh(profile(), k("Z", z->output.exposeBytes()),
                                          v("entity-ID"), v("CPS-ID")));
         }},
        {"kar_dh_from_z",
         [] {
             return args(QStringLiteral("kar-dh"), {"entity-ID", "CPS-ID"},
                         {QStringLiteral("-i"), QStringLiteral("Z=") + QString(64, u'7')});
         },
         [] {
             return hexOf(deriveKarFromDh(profile(), k("Z", hex(QString(64, u'7'))), v("entity-ID"),
                                          v("CPS-ID")));
         }},
        {"kar_ibake",
         [] {
             return args(QStringLiteral("kar-ibake"), {"IBAKE-key", "entity-ID"});
         },
         [] {
             return hexOf(
                 deriveKarFromIbake(profile(), k("IBAKE-key", b("IBAKE-key")), v("entity-ID")));
         }},
        {"kas",
         [] {
             return args(QStringLiteral("kas"), {"entity-ID", "n", "N_cps"},
                         {QStringLiteral("-i"), QStringLiteral("Kar=") + kKarHex});
         },
         [] { return hexOf(deriveKas(profile(), k("Kar", kKar), v("entity-ID"), 3, b("N_cps"))); }},
        {"kek",
         [] {
             return args(QStringLiteral("kek"), {"holder-ID"},
                         {QStringLiteral("-i"), QStringLiteral("R=") + kKarHex});
         },
         [] { return hexOf(deriveKek(profile(), k("R", kKar), v("holder-ID"))); }},
        {"kas_wrap",
         [] {
             return args(QStringLiteral("kas-wrap"), {"holder-ID"},
                         {QStringLiteral("-i"), QStringLiteral("Kar=") + kKarHex,
                          QStringLiteral("-i"), QStringLiteral("Kas=") + kKasHex});
         },
         [] {
             auto kek = deriveKek(profile(), k("R", kKar), v("holder-ID"));
             return hexOf(wrapKas(k("KEK", kek->output.exposeBytes()), k("Kas", kKas)));
         }},
        {"kas_unwrap",
         [] {
             auto kek = deriveKek(profile(), k("R", kKar), v("holder-ID"));
             const QByteArray wrapped =
                 wrapKas(k("KEK", kek->output.exposeBytes()), k("Kas", kKas))->output.exposeBytes();
             return args(QStringLiteral("kas-unwrap"), {"holder-ID"},
                         {QStringLiteral("-i"), QStringLiteral("Kar=") + kKarHex,
                          QStringLiteral("-i"),
                          QStringLiteral("wrapped-Kas=") + QString::fromLatin1(wrapped.toHex())});
         },
         [] { return kKas; }},
        {"kas_app",
         [] {
             return args(QStringLiteral("kas-app"), {"i"},
                         {QStringLiteral("-i"), QStringLiteral("Kas=") + kKasHex});
         },
         [] { return hexOf(deriveKasApp(profile(), k("Kas", kKas), 5)); }},
        {"envelope_seal",
         [] {
             return args(QStringLiteral("envelope-seal"), {"entity-ID", "n", "i", "nonce"},
                         {QStringLiteral("-i"), QStringLiteral("Kas=") + kKasHex,
                          QStringLiteral("-i"),
                          QStringLiteral("plaintext=text:") + v("plaintext")});
         },
         [] {
             auto kAs = deriveKasApp(profile(), k("Kas", kKas), 5);
             return *sealEnvelope(profile(), kAs->output, v("entity-ID"), 3, 5, b("nonce"),
                                  secret(v("plaintext").toUtf8()));
         }},
        {"envelope_open",
         [] {
             auto kAs = deriveKasApp(profile(), k("Kas", kKas), 5);
             const QByteArray env = *sealEnvelope(profile(), kAs->output, v("entity-ID"), 3, 5,
                                                  b("nonce"), secret(QByteArrayLiteral("hello")));
             return args(QStringLiteral("envelope-open"), {"entity-ID"},
                         {QStringLiteral("-i"), QStringLiteral("Kas=") + kKasHex,
                          QStringLiteral("-i"),
                          QStringLiteral("envelope=") + QString::fromLatin1(env.toHex())});
         },
         [] { return QByteArrayLiteral("hello"); }},
    };
}

std::vector<KindCase> kindCases() {
    std::vector<KindCase> all = hierarchyCases();
    for (KindCase &c : cpsCases()) {
        all.push_back(std::move(c));
    }
    return all;
}

class CalculatorKind : public ::testing::TestWithParam<KindCase> {};

TEST_P(CalculatorKind, JsonOutputMatchesTheLibrary) {
    const KindCase &c = GetParam();

    const CliRun run = derive(c.arguments());

    ASSERT_EQ(run.code, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.isEmpty());
    EXPECT_EQ(hex(run.output()), c.library());
    EXPECT_FALSE(run.json().value(QLatin1String("records")).toArray().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Kinds, CalculatorKind, ::testing::ValuesIn(kindCases()),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(Calculator, EveryKindHasACase) {
    QStringList covered;
    for (const KindCase &c : kindCases()) {
        covered << c.arguments().first();
    }
    for (const QString &kind : calculatorKindNames()) {
        EXPECT_TRUE(covered.contains(kind)) << kind.toStdString();
    }
}

TEST(Calculator, MatchesTheGoldenChainOfTheProfileVectors) {
    const QJsonObject outputs = loadDataFile(QStringLiteral("profile_vectors.json"))
                                    .value(QLatin1String("outputs"))
                                    .toObject();

    const CliRun kmr = derive(args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID", "M2M-Node-ID"}));
    const CliRun kmc = derive(args(QStringLiteral("kmc"),
                                   {"M2M-Node-ID", "Kmc-index", "client_random", "server_random"},
                                   {QStringLiteral("-i"), QStringLiteral("Kmr=") + kmr.output()}));

    EXPECT_EQ(kmr.output(), outputs.value(QLatin1String("kmr-eap")).toString());
    EXPECT_EQ(kmc.output(), outputs.value(QLatin1String("kmc")).toString());
}

// ---- bad input -------------------------------------------------------------------------------

void expectUsageError(const CliRun &run, const QString &mustContain) {
    EXPECT_EQ(run.code, 2);
    EXPECT_TRUE(run.out.isEmpty()) << run.out.toStdString();
    EXPECT_TRUE(run.err.startsWith(QStringLiteral("derive: "))) << run.err.toStdString();
    EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << "one line: " << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(mustContain)) << run.err.toStdString();
}

TEST(Calculator, MalformedHexNamesTheInput) {
    QStringList a = args(QStringLiteral("kmr-eap"), {"SP-ID", "M2M-Node-ID"});
    a << QStringLiteral("-i") << QStringLiteral("EMSK=00zz");

    expectUsageError(derive(a), QStringLiteral("input EMSK: invalid hex character 'z'"));
    expectUsageError(
        derive({QStringLiteral("kas-app"), QStringLiteral("-i"), QStringLiteral("Kas=abc"),
                QStringLiteral("-i"), QStringLiteral("i=1")}),
        QStringLiteral("input Kas: odd number of hex digits"));
}

TEST(Calculator, AWrongLengthNamesTheInput) {
    QStringList a = args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID"});
    a << QStringLiteral("-i") << QStringLiteral("M2M-Node-ID=0011223344556677889900112233");

    expectUsageError(derive(a), QStringLiteral("input M2M-Node-ID: expected 16 octets, got 14"));
    expectUsageError(derive(args(QStringLiteral("kar-eap"), {"entity-ID"},
                                 {QStringLiteral("-i"), QStringLiteral("EMSK_cps=0011")})),
                     QStringLiteral("input EMSK_cps: expected at least 64 octets, got 2"));
}

TEST(Calculator, TheDhPeerLengthFollowsTheProfilesGroup) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ffdhe.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"cps": {"dhGroup": "ffdhe2048"}})");
    file.close();
    const QStringList base = {QStringLiteral("dh"), QStringLiteral("-i"),
                              QStringLiteral("private=02"), QStringLiteral("-i"),
                              QStringLiteral("peer-public=04")};

    expectUsageError(derive(base), QStringLiteral("input peer-public: expected 32 octets, got 1"));
    expectUsageError(derive(base + QStringList{QStringLiteral("--profile"), path}),
                     QStringLiteral("input peer-public: expected 256 octets, got 1"));
}

TEST(Calculator, AnUnknownKindIsRefusedWithTheList) {
    expectUsageError(derive({QStringLiteral("kmx")}),
                     QStringLiteral("unknown kind 'kmx' (kinds: m2m-kdf"));
    expectUsageError(derive({}), QStringLiteral("no kind given"));
}

TEST(Calculator, MissingAndUnknownInputsAreNamed) {
    expectUsageError(derive(args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID"})),
                     QStringLiteral("missing input M2M-Node-ID"));
    expectUsageError(
        derive(args(QStringLiteral("kma"), {"App-ID", "SP-ID"},
                    {QStringLiteral("-i"), QStringLiteral("Kmc=") + QString(64, u'c')})),
        QStringLiteral("input SP-ID: kma has no such input"));
    expectUsageError(
        derive({QStringLiteral("kas-app"), QStringLiteral("-i"), QStringLiteral("i=x")}),
        QStringLiteral("input i: 'x' is not a number"));
    expectUsageError(derive({QStringLiteral("kas-app"), QStringLiteral("-i"), QStringLiteral("i=1"),
                             QStringLiteral("-i"), QStringLiteral("00112233secret")}),
                     QStringLiteral("input number 2: expected NAME=VALUE"));
    EXPECT_FALSE(
        derive({QStringLiteral("kas-app"), QStringLiteral("-i"), QStringLiteral("00112233secret")})
            .err.contains(QStringLiteral("00112233")));
    expectUsageError(
        derive(args(QStringLiteral("kar-dh"), {"private", "peer-public", "entity-ID", "CPS-ID"},
                    {QStringLiteral("-i"), QStringLiteral("Z=01")})),
        QStringLiteral("input Z: give either Z, or both private and peer-public"));
}

TEST(Calculator, UnknownOptionsAndStrayWordsAreRefused) {
    expectUsageError(derive({QStringLiteral("kma"), QStringLiteral("--jsn")}),
                     QStringLiteral("unknown option '--jsn'"));
    expectUsageError(derive({QStringLiteral("kma"), QStringLiteral("App-ID=x")}),
                     QStringLiteral("unexpected argument 'App-ID=x'"));
    expectUsageError(derive({QStringLiteral("kma"), QStringLiteral("--input")}),
                     QStringLiteral("--input needs a value"));
}

TEST(Calculator, UnwrapWithTheWrongKarFailsWithExitTwo) {
    QStringList a =
        args(QStringLiteral("kas-unwrap"), {"holder-ID"},
             {QStringLiteral("-i"), QStringLiteral("Kar=") + QString(64, u'1'),
              QStringLiteral("-i"), QStringLiteral("wrapped-Kas=") + QString(80, u'a')});

    expectUsageError(derive(a), QStringLiteral("integrity check failed"));
}

TEST(Calculator, ABadProfileFileIsReportedWithItsPath) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"derivations": {"kma": {"label": "X", "colour": 1}}})");
    file.close();

    expectUsageError(derive({QStringLiteral("list"), QStringLiteral("--profile"), path}),
                     QStringLiteral("derivations.kma.colour: unknown key"));
}

// ---- output --------------------------------------------------------------------------------

TEST(Calculator, ALabProfileChangesTheResult) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"name": "lab", "derivations": {"kma": {"label": "LAB-Kma"}}})");
    file.close();
    const QStringList base =
        args(QStringLiteral("kma"), {"App-ID"},
             {QStringLiteral("-i"), QStringLiteral("Kmc=") + QString(64, u'c')});

    const CliRun standard = derive(base);
    const CliRun lab = derive(base + QStringList{QStringLiteral("--profile"), path});

    ASSERT_EQ(lab.code, 0) << lab.err.toStdString();
    EXPECT_EQ(hex(lab.output()),
              refM2mKdf(hex(QString(64, u'c')), "LAB-Kma", v("App-ID").toUtf8(), 32));
    EXPECT_NE(lab.output(), standard.output());
    EXPECT_EQ(lab.json()
                  .value(QLatin1String("profile"))
                  .toObject()
                  .value(QLatin1String("name"))
                  .toString(),
              QStringLiteral("lab"));
}

TEST(Calculator, TheTextTreeMasksSecretsUnlessAsked) {
    QStringList a = args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID", "M2M-Node-ID"});
    a.removeAll(QStringLiteral("--json"));
    const QString kmrHex =
        derive(args(QStringLiteral("kmr-eap"), {"EMSK", "SP-ID", "M2M-Node-ID"})).output();

    const CliRun masked = derive(a);
    const CliRun shown = derive(a + QStringList{QStringLiteral("--show-keys")});

    ASSERT_EQ(masked.code, 0);
    EXPECT_FALSE(masked.out.contains(kmrHex));
    EXPECT_FALSE(masked.out.contains(v("EMSK")));
    EXPECT_TRUE(masked.out.contains(QStringLiteral("<secret, 32 octets>")));
    EXPECT_TRUE(masked.out.contains(QStringLiteral("\"") + v("SP-ID") + QStringLiteral("\"")));
    EXPECT_TRUE(masked.out.contains(v("M2M-Node-ID")));
    EXPECT_TRUE(masked.out.contains(QStringLiteral("m2m_kdf(EMSK, \"ETSI-M2M-Kmr\"")));
    EXPECT_TRUE(shown.out.contains(kmrHex));
    EXPECT_TRUE(shown.out.contains(v("EMSK")));
}

TEST(Calculator, JsonAlwaysHasTheOutputButMasksOtherSecretsByDefault) {
    const CliRun run =
        derive(args(QStringLiteral("kas-wrap"), {"holder-ID"},
                    {QStringLiteral("-i"), QStringLiteral("Kar=") + QString(64, u'1'),
                     QStringLiteral("-i"), QStringLiteral("Kas=") + QString(64, u'2')}));
    const QJsonArray records = run.json().value(QLatin1String("records")).toArray();

    ASSERT_EQ(records.size(), 2); // KEK, wrapped-Kas
    const QJsonObject kek = records.at(0).toObject();
    EXPECT_EQ(kek.value(QLatin1String("name")).toString(), QStringLiteral("KEK"));
    EXPECT_TRUE(
        kek.value(QLatin1String("output")).toObject().value(QLatin1String("masked")).toBool());
    EXPECT_FALSE(kek.value(QLatin1String("output")).toObject().contains(QLatin1String("hex")));
    EXPECT_EQ(run.output().size(), 80);
    EXPECT_EQ(run.json().value(QLatin1String("outputName")).toString(),
              QStringLiteral("wrapped-Kas"));
    EXPECT_EQ(records.at(1).toObject().value(QLatin1String("parents")).toArray().first().toString(),
              kek.value(QLatin1String("id")).toString());
}

TEST(Calculator, HelpAndListDescribeEveryKindAndItsInputs) {
    const CliRun help = derive({QStringLiteral("--help")});
    const CliRun list = derive({QStringLiteral("list")});
    const CliRun kind = derive({QStringLiteral("kmc"), QStringLiteral("--help")});

    ASSERT_EQ(help.code, 0);
    ASSERT_EQ(list.code, 0);
    ASSERT_EQ(kind.code, 0);
    for (const QString &name : calculatorKindNames()) {
        EXPECT_TRUE(list.out.contains(QStringLiteral("  ") + name + QLatin1Char(' ')))
            << name.toStdString();
    }
    EXPECT_TRUE(help.out.contains(QStringLiteral("--show-keys")));
    EXPECT_TRUE(kind.out.contains(QStringLiteral("Kmc-index")));
    EXPECT_TRUE(kind.out.contains(QStringLiteral("client_random")));
}

} // namespace
} // namespace m2mbench::crypto::test
