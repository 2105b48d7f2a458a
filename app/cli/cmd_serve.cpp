// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/nscl_security_cli.h"
#include "app/cli/signal_pipe.h"

#include "core/common/endpoint.h"
#include "core/nodes/nscl/nscl_faults.h"
#include "core/nodes/nscl/nscl_node.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QMetaObject>

namespace m2mbench::cli {

namespace {

int serveNscl(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves the reference NSCL over HTTP until interrupted."));
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("address and port (default 127.0.0.1:8080; port 0 picks one)"),
                      QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8080")});
    parser.addOption({QStringLiteral("base"), QStringLiteral("path of <sclBase> (default /m2m)"),
                      QStringLiteral("PATH"), QStringLiteral("/m2m")});
    parser.addOption({QStringLiteral("xsd-dir"),
                      QStringLiteral("validate request bodies against the schemas in DIR"),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("quiet"), QStringLiteral("do not print one line per request")});
    parser.addOption({QStringLiteral("fault"),
                      QStringLiteral("misbehave in this named way (repeatable; m2mbench-cli faults "
                                     "lists them)"),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("keep the resources in this SQLite file: they survive a "
                                     "restart (docs/nscl-persistence.md)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("long-poll-hold"),
                      QStringLiteral("hold a long poll on an empty notification channel this long "
                                     "before answering STATUS_REQUEST_TIMEOUT (default 2000, the "
                                     "suite's PX_LONG_POLL_HOLD_MS)"),
                      QStringLiteral("MS"), QStringLiteral("2000")});
    addBindingOptions(parser);
    addNsclSecurityOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto binding = bindingFrom(parser);
    auto endpoint = Endpoint::parse(parser.value(QStringLiteral("listen")));
    if (!binding || !endpoint) {
        err() << "m2mbench-cli serve nscl: "
              << (!binding ? binding.error().message : endpoint.error().message) << '\n';
        return ExitUsage;
    }
    QHostAddress address;
    if (!address.setAddress(endpoint->host)) {
        err() << "m2mbench-cli serve nscl: --listen needs a numeric address, not '"
              << endpoint->host << "'\n";
        return ExitUsage;
    }
    nodes::NsclConfig config;
    config.basePath = parser.value(QStringLiteral("base"));
    bool holdOk = false;
    config.longPollTimeoutMs = parser.value(QStringLiteral("long-poll-hold")).toInt(&holdOk);
    if (!holdOk || config.longPollTimeoutMs < 0 || config.longPollTimeoutMs > 600000) {
        err() << "m2mbench-cli serve nscl: --long-poll-hold needs milliseconds from 0 to 600000, "
                 "not '"
              << parser.value(QStringLiteral("long-poll-hold")) << "'\n";
        return ExitUsage;
    }
    auto faults = nodes::parseNsclFaults(parser.values(QStringLiteral("fault")));
    if (!faults) {
        err() << "m2mbench-cli serve nscl: " << faults.error().message << '\n';
        return ExitUsage;
    }
    config.faults = *faults;
    const QString xsd = parser.isSet(QStringLiteral("xsd-dir"))
                            ? parser.value(QStringLiteral("xsd-dir"))
                            : mid::XsdValidator::dirFromEnvironment();
    if (!xsd.isEmpty()) {
        auto validator = mid::XsdValidator::open(xsd);
        if (!validator) {
            err() << "m2mbench-cli serve nscl: " << validator.error().message << '\n';
            return ExitUsage;
        }
        config.validator = *validator;
    }
    // Declared before the node: the node's secured front ends write into its trace until the end.
    std::optional<NsclSecurityCli> security;
    nodes::NsclNode node(config, *binding);
    qint64 restored = -1;
    if (parser.isSet(QStringLiteral("db"))) {
        auto replayed = node.service().openLog(parser.value(QStringLiteral("db")));
        if (!replayed) {
            err() << "m2mbench-cli serve nscl: " << replayed.error().message << '\n';
            return ExitBenchError;
        }
        restored = *replayed;
    }
    auto port = node.listenHttp(address, endpoint->port);
    if (!port) {
        err() << "m2mbench-cli serve nscl: " << port.error().message << '\n';
        return ExitBenchError;
    }
    if (wantsNsclSecurity(parser)) {
        auto started = startNsclSecurity(parser, node, *binding);
        if (!started) {
            err() << "m2mbench-cli serve nscl: " << started.error().message << '\n';
            return started.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
        }
        security = std::move(*started);
    }
    if (!parser.isSet(QStringLiteral("quiet"))) {
        QObject::connect(&node, &nodes::NsclNode::requestLogged, [](const QString &line) {
            out() << line << '\n';
            out().flush();
        });
    }
    out() << "NSCL listening on http://" << Endpoint{endpoint->host, *port}.toString()
          << config.basePath
          << (config.validator
                  ? QStringLiteral(" (validating against %1)").arg(config.validator->dir())
                  : QString())
          << '\n';
    if (restored >= 0) {
        out() << "Resources kept in " << parser.value(QStringLiteral("db")) << " (" << restored
              << " logged request(s) restored: " << node.service().registeredScls().size()
              << " SCL(s), " << node.service().registeredApplications().size()
              << " application(s))\n";
    }
    if (!config.faults.isEmpty()) {
        QStringList names(config.faults.cbegin(), config.faults.cend());
        names.sort();
        out() << "FAULTY on purpose: " << names.join(QStringLiteral(", ")) << '\n';
    }
    if (security) {
        for (const QString &line : security->lines) {
            out() << line << '\n';
        }
    }
    // SIGINT/SIGTERM are handled before the banner reaches a reader that may send one at once.
    const SignalWatcher watcher([](int) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                                  Qt::QueuedConnection);
    });
    out().flush();
    QCoreApplication::exec();
    out() << "NSCL stopped after " << node.requestCount() << " request(s)\n";
    return ExitOk;
}

} // namespace

int serveCommand(const QStringList &args) {
    const QString node = args.size() > 1 ? args.at(1) : QString();
    if (node == u"nscl" || node == u"msbf" || node == u"mas") {
        QStringList rest = args;
        rest.removeAt(1);
        rest[0] += QLatin1Char(' ') + node;
        return node == u"nscl"   ? serveNscl(rest)
               : node == u"msbf" ? serveMsbfCommand(rest)
                                 : serveMasCommand(rest);
    }
    err() << "Usage: m2mbench-cli serve nscl [--listen ADDR:PORT] [--base PATH] [--xsd-dir DIR]\n"
          << "           [--db FILE] [--long-poll-hold MS] [--fault NAME]...\n"
          << "           [--https-psk ADDR:PORT] [--coap ADDR:PORT] [--coaps ADDR:PORT] [--mas "
             "ADDR:PORT]\n"
          << "           [--kmr NODE-ID:INDEX:HEX]... [--kmc NODE-ID:INDEX:HEX]... [--keylog "
             "FILE]\n"
          << "       m2mbench-cli serve msbf [--listen ADDR:PORT] [--ca FILE --cert FILE --key "
             "FILE] ...\n"
          << "       m2mbench-cli serve mas [--listen ADDR:PORT] [--db FILE]\n"
          << (node.isEmpty() || node.startsWith(QLatin1Char('-'))
                  ? QString()
                  : QStringLiteral("unknown node '%1'\n").arg(node));
    return node == u"--help" ? ExitOk : ExitUsage;
}

} // namespace m2mbench::cli
