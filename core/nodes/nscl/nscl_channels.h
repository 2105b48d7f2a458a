// SPDX-License-Identifier: Apache-2.0
#pragma once

// Notification channels of the reference NSCL (TS 102 690 clause 9.3.2, subscription management
// for subscribers that cannot be reached; TS 102 921 notificationChannel.xsd,
// notificationChannels.xsd; docs/nscl-notification-channels.md). An application (or an SCL)
// that no notification can reach creates a LONG_POLLING channel; it gives the channel's
// contactURI as the contact of its subscriptions, and fetches what arrives with a RETRIEVE of
// the channel's longPollingURI, which the NSCL holds until a notification comes or the wait
// ends:
//
//   HOST/notificationChannels                      RETRIEVE, CREATE <notificationChannel>
//   HOST/notificationChannels/ID                   RETRIEVE, DELETE
//   HOST/notificationChannels/ID/longPollingURI    RETRIEVE: the oldest waiting <notify>
//
// HOST is an <application> of the NSCL or an <scl>. Not thread-safe: the NSCL service calls it
// under its own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_representation.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace m2mbench::nodes {

/// Notifications a channel keeps for its subscriber; older ones go first beyond this.
inline constexpr int kChannelQueueLimit = 256;

struct NotificationChannel {
    QString id;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QList<QByteArray> waiting; ///< <notify> documents, oldest first
    quint64 dropped = 0;       ///< notifications lost to the queue limit
};

class ChannelStore {
public:
    ChannelStore(const Clock &clock, const QSet<QString> &faults,
                 std::shared_ptr<mid::XsdValidator> validator);

    /// A request whose target is `host` + "/notificationChannels" + `rest`. `authority`
    /// ("http://host:port") makes the channel's URIs absolute. A RETRIEVE of a longPollingURI
    /// with nothing waiting sets `*waitOn` to the channel's path and answers nothing when
    /// `waitOn` is given (the binding holds the request); without it, STATUS_REQUEST_TIMEOUT.
    mid::Response handle(const mid::Request &request, const QString &host, const QString &rest,
                         const QString &authority, QString *waitOn);
    /// The channel a contact URI names (its contactURI), if it is one of these; else empty.
    [[nodiscard]] QString channelOfContact(const QString &contactPath) const;
    /// Whether a path has the shape of a channel's contactURI, whether or not the channel exists.
    [[nodiscard]] static bool isContactPath(const QString &path);
    /// Keeps a notification for the channel at `path`.
    void deliver(const QString &path, const QByteArray &notify);
    /// The oldest notification waiting in the channel at `path`, as the long poll's answer.
    std::optional<mid::Response> take(const QString &path);
    void removeHost(const QString &host);
    [[nodiscard]] QStringList channelIds(const QString &host) const;

private:
    struct Host {
        QDateTime creationTime;
        QDateTime lastModifiedTime;
        QMap<QString, NotificationChannel> items;
        quint64 nextName = 1;
    };
    mid::Response representation(const QString &path, const NotificationChannel &c,
                                 const QString &authority) const;
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }
    NotificationChannel *find(const QString &path);

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    QMap<QString, Host> m_hosts;
};

} // namespace m2mbench::nodes
