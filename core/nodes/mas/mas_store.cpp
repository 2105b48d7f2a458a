// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/mas/mas_store.h"

#include <QFile>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

namespace m2mbench::nodes {

namespace {

/// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    [[nodiscard]] sqlite3_stmt *get() const { return m_stmt; }
    [[nodiscard]] bool ok() const { return m_stmt != nullptr; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

void bindBlob(sqlite3_stmt *s, int i, const QByteArray &b) {
    sqlite3_bind_blob(s, i, b.constData(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
}

QByteArray columnBlob(sqlite3_stmt *s, int i) {
    return QByteArray(static_cast<const char *>(sqlite3_column_blob(s, i)),
                      sqlite3_column_bytes(s, i));
}

} // namespace

MasStore::MasStore(QString path)
    : m_path(std::move(path)) {}

MasStore::~MasStore() {
    sqlite3_close(m_db);
}

tl::unexpected<Error> MasStore::sqlError(const QString &what) const {
    return fail(Error::Kind::Io, QStringLiteral("MAS store %1: %2: %3")
                                     .arg(m_path, what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> MasStore::exec(const char *sql) {
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message);
        sqlite3_free(message);
        return fail(Error::Kind::Io, QStringLiteral("MAS store %1: %2").arg(m_path, text));
    }
    return {};
}

Result<std::unique_ptr<MasStore>> MasStore::open(const QString &path) {
    std::unique_ptr<MasStore> store(new MasStore(path));
    if (path != u":memory:" && !QFile::exists(path)) {
        // Create it owner-only before SQLite does, with whatever umask is in force.
        const int fd =
            ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
            return fail(Error::Kind::Io,
                        QStringLiteral("cannot create the MAS database %1").arg(path));
        }
        ::close(fd);
    }
    if (sqlite3_open_v2(path.toUtf8().constData(), &store->m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        return store->sqlError(QStringLiteral("open"));
    }
    sqlite3_busy_timeout(store->m_db, 2000);
    const char *schema = "PRAGMA journal_mode=WAL;"
                         "PRAGMA synchronous=NORMAL;"
                         "CREATE TABLE IF NOT EXISTS kmr ("
                         "  node_id BLOB NOT NULL CHECK (length(node_id) = 16),"
                         "  key_index INTEGER NOT NULL,"
                         "  key BLOB NOT NULL,"
                         "  expiry INTEGER NOT NULL,"
                         "  scl_id TEXT NOT NULL DEFAULT '',"
                         "  stored INTEGER NOT NULL,"
                         "  PRIMARY KEY (node_id, key_index));";
    if (auto ok = store->exec(schema); !ok) {
        return fail(ok.error());
    }
    return store;
}

Result<void> MasStore::put(const diameter::KeyRecord &r) {
    Statement s(m_db,
                "INSERT OR REPLACE INTO kmr (node_id, key_index, key, expiry, scl_id, stored) "
                "VALUES (?, ?, ?, ?, ?, ?)");
    if (!s.ok()) {
        return sqlError(QStringLiteral("prepare insert"));
    }
    bindBlob(s.get(), 1, r.nodeId);
    sqlite3_bind_int64(s.get(), 2, r.keyIndex);
    sqlite3_bind_blob(s.get(), 3, r.key.data(), static_cast<int>(r.key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s.get(), 4, r.expiry.toSecsSinceEpoch());
    const QByteArray scl = r.sclId.toUtf8();
    sqlite3_bind_text(s.get(), 5, scl.constData(), static_cast<int>(scl.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s.get(), 6, QDateTime::currentSecsSinceEpoch());
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
        return sqlError(QStringLiteral("insert"));
    }
    return {};
}

Result<std::optional<diameter::KeyRecord>> MasStore::get(const QByteArray &nodeId,
                                                         quint32 keyIndex) {
    Statement s(m_db,
                keyIndex == 0
                    ? "SELECT node_id, key_index, key, expiry, scl_id FROM kmr WHERE node_id = ? "
                      "ORDER BY key_index DESC LIMIT 1"
                    : "SELECT node_id, key_index, key, expiry, scl_id FROM kmr WHERE node_id = ? "
                      "AND key_index = ?");
    if (!s.ok()) {
        return sqlError(QStringLiteral("prepare select"));
    }
    bindBlob(s.get(), 1, nodeId);
    if (keyIndex != 0) {
        sqlite3_bind_int64(s.get(), 2, keyIndex);
    }
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_DONE) {
        return std::optional<diameter::KeyRecord>();
    }
    if (rc != SQLITE_ROW) {
        return sqlError(QStringLiteral("select"));
    }
    diameter::KeyRecord r;
    r.nodeId = columnBlob(s.get(), 0);
    r.keyIndex = static_cast<quint32>(sqlite3_column_int64(s.get(), 1));
    QByteArray key = columnBlob(s.get(), 2);
    r.key = SecureBytes::fromByteArray(key);
    key.fill('\0');
    r.expiry = QDateTime::fromSecsSinceEpoch(sqlite3_column_int64(s.get(), 3), Qt::UTC);
    r.sclId = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s.get(), 4)));
    return std::optional<diameter::KeyRecord>(std::move(r));
}

Result<int> MasStore::purgeExpired(const QDateTime &now) {
    Statement s(m_db, "DELETE FROM kmr WHERE expiry <= ?");
    if (!s.ok()) {
        return sqlError(QStringLiteral("prepare delete"));
    }
    sqlite3_bind_int64(s.get(), 1, now.toSecsSinceEpoch());
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
        return sqlError(QStringLiteral("delete"));
    }
    return sqlite3_changes(m_db);
}

Result<int> MasStore::count() {
    Statement s(m_db, "SELECT count(*) FROM kmr");
    if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW) {
        return sqlError(QStringLiteral("count"));
    }
    return static_cast<int>(sqlite3_column_int64(s.get(), 0));
}

} // namespace m2mbench::nodes
