// SPDX-License-Identifier: Apache-2.0
#pragma once

// How the journal's rows map to the runner's types. Internal to the journal.

#include "core/runner/journal.h"
#include "core/common/sqlite_db.h"

#include <QJsonObject>

namespace m2mbench::runner {

inline constexpr char kRunColumns[] =
    "id, status, started, finished, bench_version, target, embedded, no_pics, options, pics,"
    " pixit, profile, profile_fingerprint, xsd_dir, pid, secret_pixit";
inline constexpr char kEventColumns[] =
    "seq, kind, time_ns, wall, tc_id, phase, src, dst, protocol, summary, raw, relates_to,"
    " verdict, text, derivation";

QString toJsonText(const QJsonObject &object);
QJsonObject fromJsonText(const QString &text);

QJsonObject testCaseInfoToJson(const TestCaseInfo &info);
TestCaseInfo testCaseInfoFromJson(const QJsonObject &object);

/// A key derivation with its values; secrets included (the journal file is the user's only).
QJsonObject derivationToJson(const trace::KeyDerivation &d);
trace::KeyDerivation derivationFromJson(const QJsonObject &object);

/// t.toString(Qt::ISODateWithMs), formatted once per second of wall time and patched with the
/// milliseconds otherwise: the full formatting (time zone included) was a quarter of the
/// journal writer's time per event.
QString isoWallTime(const QDateTime &t);

/// Binds an event to the 16 parameters of the events INSERT.
void bindEvent(SqliteStatement &stmt, qint64 runId, quint64 seqOffset, const trace::Event &e);

RunRecord readRun(const SqliteStatement &row);
JournalTestCase readTestCase(const SqliteStatement &row);
trace::Event readEvent(const SqliteStatement &row);

} // namespace m2mbench::runner
