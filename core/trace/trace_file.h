// SPDX-License-Identifier: Apache-2.0
#pragma once

// The machine-readable trace of a run, trace.jsonl in the report folder: one JSON object per
// line, a header first, then every event in order with its raw bytes (base64), decoded fields,
// key derivation records (values masked unless the user asked) and capture frame links.
// `m2mbench-cli export` rebuilds the application-level pcapng from it.

#include "core/common/result.h"
#include "core/trace/event.h"
#include "core/trace/frame_index.h"
#include "core/trace/run_info.h"

#include <QJsonObject>

#include <memory>
#include <vector>

namespace m2mbench::trace {

inline constexpr char kTraceFileName[] = "trace.jsonl";
inline constexpr char kTraceFormat[] = "m2mbench-trace";

/// A run as read back from disk.
struct RecordedRun {
    RunInfo info;
    std::vector<Event> events;
    std::shared_ptr<FrameIndex> frames; ///< never null
};

/// One event as a JSON object; secrets masked unless `showKeys`.
QJsonObject eventToJson(const Event &event, const FrameIndex *frames, bool showKeys);
/// The event of eventToJson; masked values come back empty and marked secret.
Result<Event> eventFromJson(const QJsonObject &json);

QJsonObject runInfoToJson(const RunInfo &info);
RunInfo runInfoFromJson(const QJsonObject &json);

/// The whole file: header line plus one line per event.
QByteArray traceJsonl(const RunInfo &info, const std::vector<Event> &events,
                      const FrameIndex *frames);
Result<void> writeTraceFile(const QString &path, const RunInfo &info,
                            const std::vector<Event> &events, const FrameIndex *frames);

/// Reads a trace file; every line is checked, and an error names the line.
Result<RecordedRun> readTraceFile(const QString &path);
Result<RecordedRun> parseTraceJsonl(const QByteArray &bytes);

} // namespace m2mbench::trace
