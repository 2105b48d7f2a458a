// SPDX-License-Identifier: Apache-2.0
#pragma once

// <subscriptions> and <subscription> of the reference NSCL (TS 102 690 clause 9.3.2,
// subscription management; TS 102 921 subscription.xsd, subscriptions.xsd, notify.xsd). Any
// resource of the NSCL can be subscribed to through RESOURCE/subscriptions:
//
//   RESOURCE/subscriptions       RETRIEVE, CREATE <subscription>
//   RESOURCE/subscriptions/ID    RETRIEVE, UPDATE, DELETE
//
// When a request changes a resource, the NSCL service asks this store for the subscriptions to
// notify and builds one NOTIFY primitive per subscription for its contact
// (docs/nscl-subscriptions.md). Not thread-safe: the NSCL service calls it under its own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_representation.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <functional>

#include <memory>
#include <optional>

namespace m2mbench::nodes {

struct Subscription {
    QString id;
    QDateTime expirationTime;
    std::optional<qint64> minimalTimeBetweenNotifications; ///< ms
    QString delayTolerance;                                ///< xs:dateTime text as given
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    std::optional<mid::XmlNode> filterCriteria; ///< as written, for the representation
    /// filterCriteria as (criterion, value) pairs: which changes are notified and what the
    /// notification shows, applied as the query of a RETRIEVE (docs/nscl-filter-criteria.md).
    QList<QPair<QString, QString>> criteria;
    QString subscriptionType; ///< ASYNCHRONOUS or SYNCHRONOUS, empty if absent
    QString contact;          ///< where notifications go (an absolute URI)
    QDateTime lastNotified;
};

/// A NOTIFY the NSCL has to send: to the subscription's contact.
struct OutgoingNotification {
    QString contact;
    mid::Request request; ///< method NOTIFY, target = the contact's path, body <notify>
};

class SubscriptionStore {
public:
    /// Checks a subscription's filter criteria against the subscribed resource: nullopt if the
    /// NSCL applies them, else the refusal (STATUS_BAD_REQUEST, STATUS_NOT_IMPLEMENTED).
    using CriteriaCheck = std::function<std::optional<mid::Response>(
        const QString &resource, const QList<QPair<QString, QString>> &criteria)>;

    SubscriptionStore(const Clock &clock, const QSet<QString> &faults,
                      std::shared_ptr<mid::XsdValidator> validator = nullptr);

    /// A request whose target is `resource` + "/subscriptions" + `rest` (rest empty or "/ID");
    /// the resource exists.
    mid::Response handle(const mid::Request &request, const QString &resource, const QString &rest);
    /// The live subscriptions to a resource (expired ones are dropped first), and marks them
    /// notified now; minimalTimeBetweenNotifications holds back those notified too recently.
    /// With `wanted`, a subscription it refuses is neither notified nor marked.
    QList<std::pair<QString, Subscription>>
    toNotify(const QString &resource,
             const std::function<bool(const Subscription &)> &wanted = nullptr);
    void setCriteriaCheck(CriteriaCheck check) { m_criteriaCheck = std::move(check); }
    /// Drops the subscriptions to a resource and to everything below it (it was deleted).
    void removeBelow(const QString &resource);
    /// Removes expired subscriptions.
    void purge();
    /// Ids of the subscriptions to a resource, for tests.
    [[nodiscard]] QStringList subscriptionIds(const QString &resource) const;

private:
    mid::Response create(const mid::Request &request, const QString &resource);
    mid::Response update(const mid::Request &request, const QString &resource,
                         Subscription &stored);
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    QMap<QString, QMap<QString, Subscription>> m_byResource; ///< resource path -> id -> sub
    quint64 m_nextName = 1;
    CriteriaCheck m_criteriaCheck;
};

/// The <notify> body of a notification: statusCode, the representation (base64, with its
/// xmime:contentType) and the subscription's URI.
QByteArray encodeNotify(mid::StatusCode status, const QByteArray &representation,
                        const QString &contentType, const QString &subscriptionReference);

} // namespace m2mbench::nodes
