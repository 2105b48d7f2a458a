// SPDX-License-Identifier: Apache-2.0
#pragma once

// The MAS's key store: Kmr per M2M-Node-ID and key index, with its lifetime and SCL-ID, in
// SQLite (WAL journal, so that a restarted MAS still knows its keys and a crash loses at most
// the transaction in flight). One connection, used from one thread.

#include "core/common/result.h"
#include "core/protocol/diameter/m2m_application.h"

#include <QString>

#include <optional>

struct sqlite3;

namespace m2mbench::nodes {

class MasStore {
public:
    ~MasStore();
    MasStore(const MasStore &) = delete;
    MasStore &operator=(const MasStore &) = delete;

    /// Opens (creating when needed) the database at `path`; ":memory:" for a store that lives
    /// as long as the object. The file is created readable by the owner only: it holds keys.
    static Result<std::unique_ptr<MasStore>> open(const QString &path);

    /// Stores or replaces the key (node, index).
    Result<void> put(const diameter::KeyRecord &record);
    /// The key (node, index), or with index 0 the newest index of the node; nullopt when none.
    Result<std::optional<diameter::KeyRecord>> get(const QByteArray &nodeId, quint32 keyIndex);
    /// Deletes keys whose lifetime ended before `now`; returns how many.
    Result<int> purgeExpired(const QDateTime &now);
    Result<int> count();
    [[nodiscard]] const QString &path() const { return m_path; }

private:
    explicit MasStore(QString path);
    Result<void> exec(const char *sql);
    tl::unexpected<Error> sqlError(const QString &what) const;

    QString m_path;
    sqlite3 *m_db = nullptr;
};

} // namespace m2mbench::nodes
