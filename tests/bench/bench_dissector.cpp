// SPDX-License-Identifier: Apache-2.0
// The cost of the etsim2m plugin: tshark over a generated 100,000-message mId capture (HTTP over
// TCP on Ethernet, as a live capture has it) with the plugin enabled and with
// --disable-protocol etsim2m, in the same run, alternating, several rounds; prints the medians
// and their ratio. Target (issue 9): the plugin costs at most 25 % over plain HTTP/XML.
//
//     bench_dissector [MESSAGES]        (BENCH_ROUNDS=N, default 3)
//
// Run it on a quiet machine: it prints the load average it started with.
#include "core/trace/pcapng_writer.h"
#include "tests/trace/packet_builder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <unistd.h>

using namespace m2mbench;

namespace {

const int kRounds = qEnvironmentVariableIntValue("BENCH_ROUNDS") > 0
                        ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
                        : 3;
constexpr int kConnections = 100;

QByteArray http(const QByteArray &startLine, const QByteArray &body, bool auth) {
    QByteArray out = startLine + "\r\nHost: 127.0.0.1:8080\r\n";
    if (auth) {
        out += "Authorization: Basic Z3NjbC1iZW5jaC0wMTpzZWNyZXQ=\r\n";
    }
    if (!body.isEmpty()) {
        out += "Content-Type: application/xml\r\n";
    }
    return out + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray scl(int i) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:scl "
           "xmlns:m2m=\"http://uri.etsi.org/m2m\" "
           "sclId=\"gscl-" +
           QByteArray::number(i) +
           "\"><m2m:pocs><reference>http://gscl.invalid/m2m"
           "</reference></m2m:pocs><m2m:expirationTime>2030-01-01T00:00:00.000Z</"
           "m2m:expirationTime>"
           "<m2m:accessRightID>/m2m/accessRights/ar1</m2m:accessRightID><m2m:searchStrings>"
           "<m2m:searchString>m2mbench</m2m:searchString></m2m:searchStrings></m2m:scl>";
}

QByteArray contentInstance(int i) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:contentInstance xmlns:m2m=\"http://uri."
           "etsi.org/m2m\" xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" m2m:id=\"ci" +
           QByteArray::number(i) +
           "\"><m2m:contentTypes><m2m:contentType>text/plain</m2m:"
           "contentType></m2m:contentTypes><m2m:content xmime:contentType=\"text/plain\">"
           "dGVtcGVyYXR1cmU9MjEuNQ==</m2m:content></m2m:contentInstance>";
}

const QByteArray kNotFound =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:errorInfo "
    "xmlns:m2m=\"http://uri.etsi.org/m2m\">"
    "<m2m:statusCode>STATUS_NOT_FOUND</m2m:statusCode><m2m:additionalInfo>no such scl"
    "</m2m:additionalInfo></m2m:errorInfo>";

/// One request and its response, by kind (a mix of every primitive, bodies of 300-600 bytes).
std::pair<QByteArray, QByteArray> exchange(int i) {
    const QByteArray id = QByteArray::number(i % 5000);
    switch (i % 5) {
    case 0:
        return {http("POST /m2m/scls HTTP/1.1", scl(i), true),
                http("HTTP/1.1 201 Created", scl(i), false)};
    case 1:
        return {http("GET /m2m/scls/gscl-" + id + " HTTP/1.1", {}, true),
                http("HTTP/1.1 200 OK", scl(i), false)};
    case 2:
        return {http("PUT /m2m/scls/gscl-" + id + " HTTP/1.1", scl(i), true),
                http("HTTP/1.1 200 OK", scl(i), false)};
    case 3:
        return {http("POST /m2m/applications/app1/containers/c1/contentInstances HTTP/1.1",
                     contentInstance(i), true),
                http("HTTP/1.1 201 Created", contentInstance(i), false)};
    default:
        return {http("DELETE /m2m/scls/gscl-" + id + " HTTP/1.1", {}, true),
                http("HTTP/1.1 404 Not Found", kNotFound, false)};
    }
}

bool generate(const QString &path, int messages) {
    auto writer = trace::PcapngWriter::create(path, QStringLiteral("m2mbench bench_dissector"));
    if (!writer || !(*writer)->addInterface({})) {
        return false;
    }
    std::vector<quint32> clientSeq(kConnections, 1000);
    std::vector<quint32> serverSeq(kConnections, 50000);
    qint64 ts = 1'700'000'000'000'000'000;
    for (int i = 0; i < messages / 2; ++i) {
        const int c = i % kConnections;
        test::TcpFlow flow;
        flow.sport = static_cast<quint16>(40000 + c);
        const auto [request, response] = exchange(i);
        ts += 100'000;
        if (!(*writer)->writePacket(0, ts, test::tcpFrame(flow, clientSeq[c], request))) {
            return false;
        }
        clientSeq[c] += static_cast<quint32>(request.size());
        ts += 100'000;
        if (!(*writer)->writePacket(0, ts,
                                    test::tcpFrame(test::reversed(flow), serverSeq[c], response))) {
            return false;
        }
        serverSeq[c] += static_cast<quint32>(response.size());
    }
    return static_cast<bool>((*writer)->close());
}

/// Seconds tshark takes over the capture with `args`; -1 when it failed.
double timeTshark(const QString &capture, const QStringList &args) {
    QProcess p;
    QStringList full;
    QString program = QStringLiteral("tshark");
    const QString pluginDir =
        QStringLiteral("WIRESHARK_PLUGIN_DIR=" M2MBENCH_WIRESHARK_PLUGIN_ROOT);
    if (::geteuid() == 0) { // root's Wireshark ignores WIRESHARK_PLUGIN_DIR: run as nobody
        program = QStringLiteral("setpriv");
        full << QStringLiteral("--reuid=65534") << QStringLiteral("--regid=65534")
             << QStringLiteral("--clear-groups") << QStringLiteral("env")
             << QStringLiteral("HOME=/tmp") << pluginDir << QStringLiteral("tshark");
    } else {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WIRESHARK_PLUGIN_DIR"),
                   QStringLiteral(M2MBENCH_WIRESHARK_PLUGIN_ROOT));
        p.setProcessEnvironment(env);
    }
    full << QStringLiteral("-r") << capture << args;
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(program, full);
    if (!p.waitForFinished(600000) || p.exitCode() != 0) {
        std::fprintf(stderr, "tshark %s failed: %s\n", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
        return -1;
    }
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Mode {
    const char *name;
    QStringList args;
    bool target; ///< the issue's target applies (the plugin as shipped); else informational
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int messages = argc > 1 ? std::max(2, QByteArray(argv[1]).toInt()) : 100000;
    QFile load(QStringLiteral("/proc/loadavg"));
    load.open(QIODevice::ReadOnly);
    std::printf("load average at start: %s", load.readAll().constData());
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther);
    const QString capture = dir.filePath(QStringLiteral("mid.pcapng"));
    if (!generate(capture, messages)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(capture));
        return 3;
    }
    QFile::setPermissions(capture, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ReadOther);
    std::printf("capture: %d mId messages over %d TCP connections, %.1f MB\n", messages,
                kConnections, static_cast<double>(QFile(capture).size()) / 1e6);
    const QStringList off{QStringLiteral("--disable-protocol"), QStringLiteral("etsim2m")};
    // The last mode keeps the XML dissector's work too: what the plugin adds on top of it.
    const Mode modes[] = {
        {"summary lines (tshark -r)", {}, true},
        {"display filter (-Y http)", {QStringLiteral("-Y"), QStringLiteral("http")}, true},
        {"full tree (-V)", {QStringLiteral("-V")}, true},
        {"summary, generic XML tree kept too (-o etsim2m.xml_tree:TRUE)",
         {QStringLiteral("-o"), QStringLiteral("etsim2m.xml_tree:TRUE")},
         false},
    };
    bool met = true;
    for (const Mode &m : modes) {
        std::vector<double> with, without;
        for (int round = 0; round < kRounds; ++round) {
            with.push_back(timeTshark(capture, m.args));
            without.push_back(timeTshark(capture, m.args + off));
            if (with.back() < 0 || without.back() < 0) {
                return 3;
            }
        }
        const double a = median(with);
        const double b = median(without);
        std::printf(
            "%s\n  plugin enabled             : %7.2f s\n"
            "  --disable-protocol etsim2m : %7.2f s\n  ratio                      : %7.2f %s\n",
            m.name, a, b, a / b,
            !m.target       ? "(informational)"
            : a / b <= 1.25 ? "(target <= 1.25: met)"
                            : "(target <= 1.25: NOT met)");
        met = met && (!m.target || a / b <= 1.25);
    }
    std::printf("rounds per figure: %d (median)\n", kRounds);
    return met ? 0 : 1;
}
