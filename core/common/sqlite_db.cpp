// SPDX-License-Identifier: Apache-2.0
#include "core/common/sqlite_db.h"

#include <QFile>

#include <sqlite3.h>

namespace m2mbench {

QString sqliteMessage(int code, const QString &path, const char *detail) {
    const QString what = QString::fromUtf8(detail ? detail : sqlite3_errstr(code));
    switch (code & 0xff) {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return QStringLiteral("the journal %1 cannot be written (%2): check its permissions or "
                              "choose another file with --journal")
            .arg(path, what);
    case SQLITE_FULL:
        return QStringLiteral("the disk holding the journal %1 is full (%2): free space or choose "
                              "another file with --journal")
            .arg(path, what);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral("the journal %1 is damaged (%2): move it away to start a new one")
            .arg(path, what);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral("the journal %1 is busy (%2): another bench may be using it")
            .arg(path, what);
    default: return QStringLiteral("journal %1: %2").arg(path, what);
    }
}

SqliteStatement::SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt, QString path)
    : m_db(db)
    , m_stmt(stmt)
    , m_path(std::move(path)) {}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_path(std::move(other.m_path)) {
    other.m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement() {
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

void SqliteStatement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString &value) {
    // SQLite converts UTF-16 itself, sparing a UTF-8 copy per value (the journal binds a dozen
    // strings per event).
    sqlite3_bind_text16(m_stmt, index, value.utf16(), static_cast<int>(value.size() * 2),
                        SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, const QByteArray &blob) {
    sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
}

Result<void> SqliteStatement::run() {
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(m_stmt);
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (rc != SQLITE_DONE) {
        return fail(Error::Kind::Io, sqliteMessage(rc, m_path, sqlite3_errmsg(m_db)));
    }
    return {};
}

bool SqliteStatement::next() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = sqliteMessage(rc, m_path, sqlite3_errmsg(m_db));
    }
    return false;
}

qint64 SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::text(int column) const {
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray SqliteStatement::blob(int column) const {
    const void *p = sqlite3_column_blob(m_stmt, column);
    return p ? QByteArray(static_cast<const char *>(p), sqlite3_column_bytes(m_stmt, column))
             : QByteArray();
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

SqliteDb::~SqliteDb() {
    if (m_db) {
        sqlite3_close_v2(m_db);
    }
}

Result<void> SqliteDb::open(const QString &path) {
    m_path = path;
    const int rc =
        sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = sqliteMessage(rc, path, m_db ? sqlite3_errmsg(m_db) : nullptr);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return fail(Error::Kind::Io, msg);
    }
    sqlite3_busy_timeout(m_db, 10000);
    // WAL: readers never block the writer, and a killed process loses nothing committed.
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                               "PRAGMA wal_autocheckpoint = 4000"}) {
        if (auto ok = exec(pragma); !ok) {
            return ok;
        }
    }
    // Reading the schema proves the file is a database at all (a damaged file fails here).
    return exec("SELECT count(*) FROM sqlite_master");
}

Result<void> SqliteDb::exec(const char *sql) {
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const QString msg = sqliteMessage(rc, m_path, err);
        sqlite3_free(err);
        return fail(Error::Kind::Io, msg);
    }
    return {};
}

Result<SqliteStatement> SqliteDb::prepare(const QByteArray &sql) {
    sqlite3_stmt *stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, sql.constData(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return fail(Error::Kind::Io, sqliteMessage(rc, m_path, sqlite3_errmsg(m_db)));
    }
    return SqliteStatement(m_db, stmt, m_path);
}

Result<void> SqliteDb::transaction(const std::function<Result<void>()> &body) {
    if (auto ok = exec("BEGIN IMMEDIATE"); !ok) {
        return ok;
    }
    auto result = body();
    if (!result) {
        exec("ROLLBACK");
        return result;
    }
    if (auto ok = exec("COMMIT"); !ok) {
        exec("ROLLBACK");
        return ok;
    }
    return {};
}

qint64 SqliteDb::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace m2mbench
