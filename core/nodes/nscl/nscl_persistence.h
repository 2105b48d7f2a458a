// SPDX-License-Identifier: Apache-2.0
#pragma once

// The reference NSCL's resources in SQLite, so that they survive a restart
// (docs/nscl-persistence.md). The database is a log: every request that changed something (a
// successful CREATE, UPDATE or DELETE, NOTIFY excluded) is appended with the time it was
// handled, in the same transaction-per-request as it was answered. Opening the file replays the
// log into a fresh NsclService with its clock held at each entry's time, which rebuilds every
// store exactly (names chosen by the NSCL, creation times, expiries, counters) without any store
// knowing about SQLite. Notifications are not sent again during the replay.

#include "core/common/clock.h"
#include "core/common/result.h"
#include "core/common/sqlite_db.h"
#include "core/protocol/mid/primitive.h"

#include <QDateTime>
#include <QMutex>

#include <functional>
#include <memory>
#include <optional>

namespace m2mbench::nodes {

/// A clock that reads another one, or a time it is held at (during a replay).
class HoldableClock final : public Clock {
public:
    explicit HoldableClock(const Clock &base)
        : m_base(base) {}
    [[nodiscard]] QDateTime now() const override;
    [[nodiscard]] qint64 monotonicNs() const override { return m_base.monotonicNs(); }
    /// Holds the clock at `at`; an invalid time lets it follow the base clock again.
    void hold(const QDateTime &at);

private:
    const Clock &m_base;
    mutable QMutex m_mutex;
    QDateTime m_held;
};

class NsclLog {
public:
    /// Opens (or creates) the log; the error names the file and what to do. `now` becomes the
    /// <sclBase>'s creation time of a new file.
    static Result<std::unique_ptr<NsclLog>> open(const QString &path, const QDateTime &now);

    /// Appends one request handled at `at`.
    Result<void> append(const mid::Request &request, const QDateTime &at);
    /// Calls `apply` with every logged request in order; returns how many there were.
    Result<qint64>
    replay(const std::function<void(const mid::Request &, const QDateTime &)> &apply);
    /// When the <sclBase> was created: the first open's time, kept in the file.
    [[nodiscard]] const QDateTime &baseCreated() const { return m_baseCreated; }
    [[nodiscard]] const QString &path() const { return m_path; }

private:
    NsclLog() = default;
    Result<void> init(const QString &path, const QDateTime &now);

    SqliteDb m_db;
    QString m_path;
    QDateTime m_baseCreated;
};

} // namespace m2mbench::nodes
