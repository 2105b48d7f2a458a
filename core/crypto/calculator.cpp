// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/calculator.h"

#include "core/crypto/calculator_internal.h"
#include "core/crypto/record_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2mbench::crypto {

namespace {

using calc::KindSpec;

struct Options {
    QString kind;
    QStringList inputs;
    QString profilePath;
    bool json = false;
    bool showKeys = false;
    bool help = false;
};

tl::unexpected<Error> usage(const QString &message) {
    return fail(Error::Kind::Config, message);
}

/// Takes the value of an option given as "--opt VALUE" or "--opt=VALUE".
Result<QString> optionValue(const QStringList &args, qsizetype &i, const QString &option) {
    const QString &arg = args.at(i);
    if (arg.startsWith(option + QLatin1Char('='))) {
        return arg.mid(option.size() + 1);
    }
    if (i + 1 >= args.size()) {
        return usage(QStringLiteral("%1 needs a value").arg(option));
    }
    return args.at(++i);
}

Result<Options> parseArgs(const QStringList &args) {
    Options options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (name == QLatin1String("--input") || name == QLatin1String("-i")) {
            auto value = optionValue(args, i, name);
            if (!value) {
                return fail(value.error());
            }
            options.inputs << *value;
        } else if (name == QLatin1String("--profile")) {
            auto value = optionValue(args, i, name);
            if (!value) {
                return fail(value.error());
            }
            options.profilePath = *value;
        } else if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--show-keys")) {
            options.showKeys = true;
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            options.help = true;
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return usage(QStringLiteral("unknown option '%1' (see --help)").arg(arg));
        } else if (options.kind.isEmpty()) {
            options.kind = arg;
        } else {
            return usage(QStringLiteral("unexpected argument '%1' (inputs are given as "
                                        "--input NAME=VALUE)")
                             .arg(arg));
        }
    }
    return options;
}

void printKind(QTextStream &out, const KindSpec &kind, const Profile &profile) {
    out << "  " << kind.name.leftJustified(14) << kind.summary << '\n';
    for (const auto &input : kind.inputs) {
        out << "      " << input.name.leftJustified(14) << calc::describeInput(input, profile)
            << (input.optional ? QStringLiteral(", optional") : QString()) << "; " << input.help
            << '\n';
    }
}

void printUsage(QTextStream &out, const Profile &profile) {
    out << "Usage: m2mbench-cli derive KIND --input NAME=VALUE ... [--profile FILE] [--json]\n"
           "                                [--show-keys]\n"
           "       m2mbench-cli derive list | --help | KIND --help\n\n"
           "Computes one key of the M2M key hierarchy or of the CPS, and shows how it came to\n"
           "be: every input, the formula with the active profile's label and input order, and\n"
           "the output.\n\n"
           "Values:\n"
           "  hex inputs     hex octets (':' or ' ' between octets allowed), or text:STRING\n"
           "                 for the UTF-8 octets of STRING\n"
           "  text inputs    the text itself (or text:STRING), or hex:HEX for raw UTF-8 octets\n"
           "  number inputs  decimal, or 0x followed by hex\n"
           "Options:\n"
           "  --input, -i NAME=VALUE  one input; repeat for each\n"
           "  --profile FILE          lay a lab's profile file over the built-in default\n"
           "  --json                  machine-readable result; the output's hex is always under\n"
           "                          \"output\" (other secret values follow --show-keys)\n"
           "  --show-keys             show secret values (masked by default)\n"
           "Exit codes: 0 done, 2 bad input (the message names it), 3 the bench is broken.\n\n"
           "Kinds (profile "
        << profile.name << "):\n";
    for (const auto &kind : calc::kinds()) {
        printKind(out, kind, profile);
    }
}

void printText(QTextStream &out, const KindSpec &kind, const Profile &profile,
               const KeyRecorder &keys, const NamedKey &output, SecretDisplay display) {
    out << "derive " << kind.name << "  (profile " << profile.name << ", " << profile.source
        << ")\n\n";
    out << formatRecordTree(keys.records(), display) << '\n';
    const DerivationPtr last = keys.find(output.recordId);
    const bool secret = last == nullptr || last->outputSecret;
    out << output.name << " = " << displayValue(output.value, secret, false, display) << '\n';
    if (secret && display == SecretDisplay::Masked) {
        out << "(secret values are masked: add --show-keys to see them)\n";
    }
}

void printJson(QTextStream &out, const KindSpec &kind, const Profile &profile,
               const KeyRecorder &keys, const NamedKey &output, SecretDisplay display) {
    QJsonArray records;
    for (const auto &record : keys.records()) {
        records.append(recordToJson(*record, display));
    }
    const QJsonObject json{
        {QStringLiteral("kind"), kind.name},
        {QStringLiteral("profile"),
         QJsonObject{{QStringLiteral("name"), profile.name},
                     {QStringLiteral("source"), profile.source},
                     {QStringLiteral("fingerprint"), profile.fingerprint()}}},
        {QStringLiteral("outputName"), output.name},
        {QLatin1String(kCalculatorOutputKey), output.value.exposeHex()},
        {QStringLiteral("records"), records},
    };
    out << QJsonDocument(json).toJson(QJsonDocument::Indented);
}

int report(QTextStream &err, const Error &error) {
    QString line = error.message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    err << "derive: " << line << '\n';
    err.flush();
    return error.kind == Error::Kind::Internal ? CalculatorBroken : CalculatorUsage;
}

} // namespace

int runDeriveCalculator(const QStringList &args, QTextStream &out, QTextStream &err) {
    auto options = parseArgs(args);
    if (!options) {
        return report(err, options.error());
    }
    auto profile =
        options->profilePath.isEmpty() ? Profile::builtin() : Profile::load(options->profilePath);
    if (!profile) {
        return report(err, profile.error());
    }
    if (options->kind.isEmpty() || options->kind == QLatin1String("list")) {
        if (!options->help && options->kind.isEmpty()) {
            return report(err, Error(Error::Kind::Config,
                                     QStringLiteral("no kind given (try 'm2mbench-cli derive "
                                                    "--help' or 'derive list')")));
        }
        printUsage(out, *profile);
        return CalculatorOk;
    }
    const KindSpec *kind = calc::findKind(options->kind);
    if (kind == nullptr) {
        return report(err, Error(Error::Kind::Config,
                                 QStringLiteral("unknown kind '%1' (kinds: %2)")
                                     .arg(options->kind, calculatorKindNames().join(u", "))));
    }
    if (options->help) {
        printKind(out, *kind, *profile);
        return CalculatorOk;
    }
    auto inputs = calc::Inputs::parse(options->inputs, kind->inputs, *profile, kind->name);
    if (!inputs) {
        return report(err, inputs.error());
    }
    KeyRecorder keys;
    auto output = kind->handler(*profile, *inputs, keys);
    if (!output) {
        return report(err, output.error());
    }
    const SecretDisplay display = options->showKeys ? SecretDisplay::Shown : SecretDisplay::Masked;
    if (options->json) {
        printJson(out, *kind, *profile, keys, *output, display);
    } else {
        printText(out, *kind, *profile, keys, *output, display);
    }
    out.flush();
    return CalculatorOk;
}

QStringList calculatorKindNames() {
    QStringList names;
    for (const auto &kind : calc::kinds()) {
        names << kind.name;
    }
    return names;
}

} // namespace m2mbench::crypto
