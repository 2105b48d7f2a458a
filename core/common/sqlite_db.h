// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace m2mbench {

/// One prepared SQLite statement; finalised when it goes away.
class SqliteStatement {
public:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt, QString path);
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&) = delete;
    ~SqliteStatement();

    void bind(int index, qint64 value);
    void bind(int index, const QString &value);
    void bind(int index, const QByteArray &blob);
    void bindNull(int index);
    /// Executes to completion (INSERT, UPDATE, ...) and resets for the next bindings.
    Result<void> run();
    /// Steps to the next row; false at the end or on an error (see error()).
    bool next();
    [[nodiscard]] const QString &error() const { return m_error; }

    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    [[nodiscard]] bool isNull(int column) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    QString m_path;
    QString m_error;
};

/// A SQLite connection in WAL mode with errors turned into messages a user can act on.
class SqliteDb {
public:
    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    Result<void> open(const QString &path);
    Result<void> exec(const char *sql);
    Result<SqliteStatement> prepare(const QByteArray &sql);
    /// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails.
    Result<void> transaction(const std::function<Result<void>()> &body);
    [[nodiscard]] qint64 lastInsertId() const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

/// A message for a SQLite result code, naming the file and what the user can do about it.
QString sqliteMessage(int code, const QString &path, const char *detail);

} // namespace m2mbench
