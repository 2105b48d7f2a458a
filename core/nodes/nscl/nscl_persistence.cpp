// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_persistence.h"

#include <QMutexLocker>
#include <QUrlQuery>

namespace m2mbench::nodes {

namespace {

constexpr int kFormat = 1; ///< the layout of the tables below; a file of another one is refused

QString timeText(const QDateTime &t) {
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString queryText(const QList<QPair<QString, QString>> &items) {
    QUrlQuery q;
    for (const auto &[k, v] : items) {
        q.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(k)),
                       QString::fromLatin1(QUrl::toPercentEncoding(v)));
    }
    return q.toString(QUrl::FullyEncoded);
}

QList<QPair<QString, QString>> queryItems(const QString &text) {
    QList<QPair<QString, QString>> out;
    for (const auto &[k, v] : QUrlQuery(text).queryItems(QUrl::FullyDecoded)) {
        out.append({k, v});
    }
    return out;
}

} // namespace

QDateTime HoldableClock::now() const {
    {
        QMutexLocker lock(&m_mutex);
        if (m_held.isValid()) {
            return m_held;
        }
    }
    return m_base.now();
}

void HoldableClock::hold(const QDateTime &at) {
    QMutexLocker lock(&m_mutex);
    m_held = at;
}

Result<std::unique_ptr<NsclLog>> NsclLog::open(const QString &path, const QDateTime &now) {
    std::unique_ptr<NsclLog> log(new NsclLog());
    if (auto ok = log->init(path, now); !ok) {
        return fail(ok.error());
    }
    return log;
}

Result<void> NsclLog::init(const QString &path, const QDateTime &now) {
    m_path = path;
    if (auto ok = m_db.open(path); !ok) {
        return ok;
    }
    if (auto ok =
            m_db.exec("CREATE TABLE IF NOT EXISTS nscl_meta (key TEXT PRIMARY KEY, value TEXT);"
                      "CREATE TABLE IF NOT EXISTS nscl_requests (seq INTEGER PRIMARY KEY, "
                      "at TEXT NOT NULL, method INTEGER NOT NULL, target TEXT NOT NULL, "
                      "entity TEXT, query TEXT, body BLOB, content_type TEXT)");
        !ok) {
        return ok;
    }
    auto read = m_db.prepare("SELECT key, value FROM nscl_meta");
    if (!read) {
        return fail(read.error());
    }
    QString format;
    while (read->next()) {
        if (read->text(0) == u"format") {
            format = read->text(1);
        } else if (read->text(0) == u"base_created") {
            m_baseCreated = QDateTime::fromString(read->text(1), Qt::ISODateWithMs);
        }
    }
    if (!read->error().isEmpty()) {
        return fail(Error::Kind::Io, read->error());
    }
    if (!format.isEmpty() && format != QString::number(kFormat)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("%1 holds NSCL resources in layout %2; this bench reads layout "
                                   "%3 only: give another --db file")
                        .arg(path, format)
                        .arg(kFormat));
    }
    if (format.isEmpty() || !m_baseCreated.isValid()) {
        m_baseCreated = now.toUTC();
        auto write = m_db.prepare("INSERT OR REPLACE INTO nscl_meta (key, value) VALUES (?, ?)");
        if (!write) {
            return fail(write.error());
        }
        for (const auto &[k, v] :
             {std::pair{QStringLiteral("format"), QString::number(kFormat)},
              std::pair{QStringLiteral("base_created"), timeText(m_baseCreated)}}) {
            write->bind(1, k);
            write->bind(2, v);
            if (auto ok = write->run(); !ok) {
                return ok;
            }
        }
    }
    return {};
}

Result<void> NsclLog::append(const mid::Request &request, const QDateTime &at) {
    auto insert = m_db.prepare("INSERT INTO nscl_requests (at, method, target, entity, query, "
                               "body, content_type) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert) {
        return fail(insert.error());
    }
    insert->bind(1, timeText(at));
    insert->bind(2, static_cast<qint64>(request.method));
    insert->bind(3, request.target);
    insert->bind(4, request.requestingEntity);
    insert->bind(5, queryText(request.query));
    insert->bind(6, request.body);
    insert->bind(7, request.contentType);
    return insert->run();
}

Result<qint64>
NsclLog::replay(const std::function<void(const mid::Request &, const QDateTime &)> &apply) {
    auto rows = m_db.prepare("SELECT seq, at, method, target, entity, query, body, content_type "
                             "FROM nscl_requests ORDER BY seq");
    if (!rows) {
        return fail(rows.error());
    }
    qint64 count = 0;
    while (rows->next()) {
        const qint64 method = rows->int64(2);
        const QDateTime at = QDateTime::fromString(rows->text(1), Qt::ISODateWithMs);
        if (method < static_cast<qint64>(mid::Method::Create) ||
            method > static_cast<qint64>(mid::Method::Delete) || !at.isValid()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1: logged request %2 is damaged (method %3, time '%4'); "
                                       "the resources after it cannot be restored: move the file "
                                       "away to start empty")
                            .arg(m_path)
                            .arg(rows->int64(0))
                            .arg(method)
                            .arg(rows->text(1)));
        }
        mid::Request r;
        r.method = static_cast<mid::Method>(method);
        r.target = rows->text(3);
        r.requestingEntity = rows->text(4);
        r.query = queryItems(rows->text(5));
        r.body = rows->blob(6);
        r.contentType = rows->text(7);
        apply(r, at);
        ++count;
    }
    if (!rows->error().isEmpty()) {
        return fail(Error::Kind::Io, rows->error());
    }
    return count;
}

} // namespace m2mbench::nodes
