// SPDX-License-Identifier: Apache-2.0
#include "app/cli/debug_terminal.h"

#include "app/cli/cli_common.h"

#include <QTextStream>

#include <cstdio>

namespace m2mbench::cli {

namespace {

const char kHelp[] =
    "  [Enter] or s  step: run to the next message\n"
    "  c             continue to the next breakpoint\n"
    "  e             edit the pending message (end with a line holding only '.')\n"
    "  p PX_X=VALUE  change a PIXIT item from here on\n"
    "  b SPEC        add a breakpoint: send|receive|check[:TEST CASE[:NODE[:TEXT]]]\n"
    "  k             keep the SUT's state after a failure (skip the postamble)\n"
    "  q             abort the run\n";

void show(const runner::StopInfo &stop) {
    out() << "\n=== stopped (" << stop.why << ") " << runner::breakpointOnName(stop.on) << " in "
          << stop.testCaseId << '/' << stop.phase;
    if (!stop.node.isEmpty()) {
        out() << " at " << stop.node;
    }
    out() << "\n    " << stop.summary << '\n';
    if (stop.on == runner::Breakpoint::On::Check) {
        out() << "    verdict of the check: " << verdictName(stop.verdict) << '\n';
    }
    if (!stop.message.isEmpty()) {
        out() << "--- " << (stop.editable ? "pending message" : "message") << " ---\n"
              << QString::fromUtf8(stop.message.left(4096))
                     .replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
              << "\n---\n";
    }
    out().flush();
}

QByteArray readEdit(QTextStream &in) {
    out() << "Type the message; end with a line holding only '.':\n";
    out().flush();
    QByteArray text;
    QString line;
    while (in.readLineInto(&line) && line != u".") {
        text += line.toUtf8() + '\n';
    }
    return text;
}

} // namespace

runner::Debugger::Interactive terminalDebugger(runner::Debugger &debugger) {
    return [&debugger](const runner::StopInfo &stop) {
        // One stream for the whole run: a stream per stop would lose what it read ahead.
        static QTextStream in(stdin);
        runner::Resumption r;
        show(stop);
        for (;;) {
            out() << "debug> ";
            out().flush();
            QString line;
            if (!in.readLineInto(&line)) {
                r.command = runner::DebugCommand::Continue; // no more input: run freely
                return r;
            }
            line = line.trimmed();
            if (line.isEmpty() || line == u"s") {
                r.command = runner::DebugCommand::Step;
                return r;
            }
            if (line == u"c") {
                r.command = runner::DebugCommand::Continue;
                return r;
            }
            if (line == u"q") {
                r.command = runner::DebugCommand::Abort;
                return r;
            }
            if (line == u"e" && stop.editable) {
                r.edited = readEdit(in);
                out() << "the edited message goes out when you step or continue\n";
            } else if (line.startsWith(QLatin1String("p ")) && line.contains(QLatin1Char('='))) {
                const QString assignment = line.mid(2).trimmed();
                const qsizetype eq = assignment.indexOf(QLatin1Char('='));
                r.pixitEdits.append({assignment.left(eq), assignment.mid(eq + 1)});
            } else if (line.startsWith(QLatin1String("b "))) {
                if (auto b = runner::Breakpoint::parse(line.mid(2))) {
                    auto all = debugger.breakpoints();
                    all.append(*b);
                    debugger.setBreakpoints(all);
                    out() << "breakpoint " << b->toString() << '\n';
                } else {
                    out() << "not a breakpoint: " << line.mid(2) << '\n';
                }
            } else if (line == u"k") {
                debugger.setKeepSutStateOnFailure(!debugger.keepSutStateOnFailure());
                out() << "keep the SUT's state after a failure: "
                      << (debugger.keepSutStateOnFailure() ? "on" : "off") << '\n';
            } else {
                out() << kHelp;
            }
        }
    };
}

} // namespace m2mbench::cli
