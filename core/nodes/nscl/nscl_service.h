// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_access.h"
#include "core/nodes/nscl/nscl_announced.h"
#include "core/nodes/nscl/nscl_channels.h"
#include "core/nodes/nscl/nscl_containers.h"
#include "core/nodes/nscl/nscl_groups.h"
#include "core/nodes/nscl/nscl_persistence.h"
#include "core/nodes/nscl/nscl_subscriptions.h"
#include "core/nodes/nscl/nscl_xrem.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/security_resources.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QMap>
#include <QMutex>
#include <QSet>

#include <functional>

#include <memory>

namespace m2mbench::nodes {

/// Settings of the reference NSCL; every value a lab may want to differ is here, not in code.
struct NsclConfig {
    QString basePath = QStringLiteral("/m2m"); ///< path of <sclBase>
    qint64 defaultExpirationSecs = 24 * 3600;  ///< expirationTime given to SCLs that set none
    /// When set, request bodies are validated against the TS 102 921 schemas before anything
    /// else; invalid ones get STATUS_BAD_REQUEST with the validator's message.
    std::shared_ptr<mid::XsdValidator> validator;
    /// Named misbehaviours to show (nscl_faults.h); empty for a conforming NSCL.
    QSet<QString> faults;
    /// What a request to a resource that neither it nor an ancestor protects with an
    /// accessRightID gets: allowed (the bench's profile) or STATUS_PERMISSION_DENIED.
    bool allowWithoutAccessRight = true;
    /// Where the notifications a request caused go, once the request is answered (the NSCL
    /// node sends them to their contacts). Unset, they wait for takeNotifications().
    std::function<void(QList<OutgoingNotification>)> notifier;
    /// The requestingEntity of the NOTIFY requests this NSCL sends.
    QString notifierEntity = QStringLiteral("nscl");
    /// Told, once a request is answered, which notification channels received a notification
    /// (the NSCL node answers the long polls waiting on them).
    std::function<void(QStringList channels)> channelNotifier;
    /// How long a long poll on a notification channel is held before STATUS_REQUEST_TIMEOUT.
    int longPollTimeoutMs = 20000;
    /// "http://host:port" of this NSCL, for the absolute URIs of its notification channels;
    /// the NSCL node sets it when it starts listening if it is empty.
    QString authority;
};

/// The resource logic of the reference NSCL, independent of any binding: it takes mId request
/// primitives and answers response primitives. Thread-safe.
class NsclService {
public:
    explicit NsclService(NsclConfig config = {}, const Clock &clock = SystemClock::instance());

    mid::Response handle(const mid::Request &request);
    /// handle() for a binding that can hold an answer: a long poll on a notification channel
    /// with nothing waiting sets `*waitOn` to the channel's path and answers nothing; the
    /// binding answers later with takeNotification() or a timeout.
    mid::Response handle(const mid::Request &request, QString *waitOn);
    /// The oldest notification waiting in a channel, as the answer to its long poll.
    std::optional<mid::Response> takeNotification(const QString &channel);
    /// Sets the authority of the channels' URIs when none was configured.
    void setAuthorityIfUnset(const QString &authority);
    /// Ids of the notification channels of a host.
    [[nodiscard]] QStringList channelIds(const QString &host) const;

    /// Keeps the resources in the SQLite file at `path` from now on (nscl_persistence.h): what
    /// the file holds is restored first, as it was. Call once, before serving. Returns how many
    /// logged requests were replayed; the error names the file and what to do.
    Result<qint64> openLog(const QString &path);
    /// The last failure to write the log (empty when none): the request was answered but will
    /// not survive a restart.
    [[nodiscard]] QString logError() const;

    /// The registered SCLs' ids, for tests and the GUI.
    [[nodiscard]] QStringList registeredScls() const;
    /// The registered applications' ids (network applications, or applications a D/GSCL
    /// registered here).
    [[nodiscard]] QStringList registeredApplications() const;
    /// Path of the <applications> collection.
    [[nodiscard]] QString applicationsPath() const {
        return m_config.basePath + QStringLiteral("/applications");
    }
    [[nodiscard]] const NsclConfig &config() const { return m_config; }
    /// Ids of the containers of a host (the <sclBase>, an <scl> or an <application> path).
    [[nodiscard]] QStringList containerIds(const QString &host) const;
    /// Ids of the access rights of a host.
    [[nodiscard]] QStringList accessRightIds(const QString &host) const;
    /// Ids of the groups of a host.
    [[nodiscard]] QStringList groupIds(const QString &host) const;
    /// Ids of the announced resources of a kind in a collection ("…/scls/SCL/containers").
    [[nodiscard]] QStringList announcedIds(const QString &collection, AnncKind kind) const;
    /// Ids of the management objects and commands of a host (an <scl> or an attached device).
    [[nodiscard]] QStringList mgmtIds(const QString &host) const;
    /// Ids of the attached devices an <scl> reported.
    [[nodiscard]] QStringList attachedDeviceIds(const QString &scl) const;
    /// Ids of the subscriptions to a resource.
    [[nodiscard]] QStringList subscriptionIds(const QString &resource) const;
    /// The notifications caused so far and not handed to a notifier.
    QList<OutgoingNotification> takeNotifications();

private:
    /// handle() with the lock held.
    mid::Response handleLocked(const mid::Request &request);
    mid::Response route(const mid::Request &request);
    /// The host whose `collection` ("containers", "accessRights") the path is in, and the path
    /// below the collection; nullopt when the path is not below that collection of an existing
    /// host.
    std::optional<std::pair<QString, QString>> collectionHost(const QString &path,
                                                              QStringView collection) const;
    /// The permission decision (nscl_access.h): nullopt when the request may go on, else the
    /// refusal to answer.
    std::optional<mid::Response>
    checkAccess(const mid::Request &request, const QString &path,
                std::optional<PermissionFlag> flag = std::nullopt) const;
    /// The <scl> path of a registered SCL the path is at or below; empty when none.
    [[nodiscard]] QString remoteSclOf(const QString &path) const;
    /// A request to a HOST/`name` collection (or below) that may concern an announced resource
    /// (nscl_announce_routing.cpp); nullopt when it does not and the collection's store answers.
    std::optional<mid::Response> routeAnnounced(const mid::Request &request, const QString &host,
                                                const QString &name, const QString &rest);
    /// RETRIEVE <sclBase>/discovery (nscl_discovery.cpp).
    mid::Response handleDiscovery(const mid::Request &request);
    /// The accessRightID a resource declares itself (empty when none or no such resource).
    [[nodiscard]] QString declaredAccessRightID(const QString &path) const;
    /// The path of this NSCL a URI names (an absolute path, or the path of an absolute URI),
    /// empty when it names nothing below the <sclBase>.
    /// Whether `contact` names a notification channel's contactURI on this NSCL (`local` is
    /// its localPath), whether or not the channel still exists.
    [[nodiscard]] bool isOwnChannelContact(const QString &contact, const QString &local) const;
    [[nodiscard]] QString localPath(const QString &uri) const;
    /// The MemberType of the resource a group member names (nscl_groups.h).
    [[nodiscard]] std::optional<QString> memberTypeOf(const QString &member) const;
    /// A request to HOST/groups/ID/membersContent + `sub`, sent on to every member.
    mid::Response fanOut(const mid::Request &request, const QString &host, const QString &id,
                         const QString &sub);
    /// Queues the notifications a successful request to `path` causes (nscl_subscriptions.h).
    void queueNotifications(const mid::Request &request, const mid::Response &response,
                            const QString &path);
    /// Whether a RETRIEVE of the path finds a resource.
    [[nodiscard]] bool resourceExists(const QString &path);
    /// Drops what a deleted or expired host (an <scl>, an <application>) held.
    void dropHost(const QString &host);
    void applyGeneralFaults(const mid::Request &request, mid::Response &response) const;
    [[nodiscard]] bool fault(const char *name) const {
        return !m_config.faults.isEmpty() && m_config.faults.contains(QLatin1String(name));
    }
    mid::Response handleSclBase(const mid::Request &request);
    mid::Response handleScls(const mid::Request &request);
    mid::Response handleScl(const mid::Request &request, const QString &id);
    mid::Response createScl(const mid::Request &request);
    mid::Response updateScl(const mid::Request &request, mid::Scl &stored);
    mid::Response updateCollectionAttributes(const mid::Request &request, const QString &root,
                                             QString &accessRightID, QStringList *searchStrings,
                                             QDateTime &lastModified);
    /// Parses (and validates, when configured) a request body with the expected root element.
    Result<mid::XmlNode> readBody(const mid::Request &request, const QString &root) const;
    mid::Response representation(const mid::Scl &scl) const;
    mid::Response sclBaseRepresentation() const;
    mid::Response sclsRepresentation() const;
    void purgeExpired();
    // <applications> (nscl_applications.cpp)
    mid::Response handleApplications(const mid::Request &request);
    mid::Response handleApplication(const mid::Request &request, const QString &id);
    mid::Response createApplication(const mid::Request &request);
    mid::Response updateApplication(const mid::Request &request, mid::Application &stored);
    /// SCL/applications of a registered SCL: only its <applicationAnnc>s
    /// (nscl_announce_routing.cpp).
    mid::Response handleRemoteApplications(const mid::Request &request, const QString &scl,
                                           const QString &rest);
    [[nodiscard]] QString sclsPath() const { return m_config.basePath + QStringLiteral("/scls"); }

    NsclConfig m_config;
    HoldableClock m_time; ///< the clock given, held at a logged time during a replay
    const Clock &m_clock;
    mutable QMutex m_mutex;
    QDateTime m_baseCreated;
    QDateTime m_baseModified;
    QString m_baseAccessRightID;
    QStringList m_baseSearchStrings;
    QDateTime m_sclsModified;
    QString m_sclsAccessRightID;
    QMap<QString, mid::Scl> m_scls;                 ///< by resource name (= sclId)
    QMap<QString, mid::Application> m_applications; ///< by resource name (= appId)
    QDateTime m_applicationsModified;
    ContainerStore m_containers;
    AccessRightStore m_accessRights;
    GroupStore m_groups;
    SubscriptionStore m_subscriptions;
    AnnouncedStore m_announced;
    ChannelStore m_channels;
    QStringList m_wake;          ///< channels that received notifications in this request
    QString *m_waitOn = nullptr; ///< where the current top-level request may be held
    XremStore m_xrem;
    QList<OutgoingNotification> m_outbox;
    quint64 m_nextSclName = 1; ///< for registrations without sclId under a fault
    std::unique_ptr<NsclLog> m_log;
    bool m_replaying = false;
    QString m_logError;
};

/// Whether a media type carries an XML representation (absent: the binding's default, XML).
bool isXmlContentType(const QString &type);
/// Whether a requested id (sclId, appId, a container's id) can name a resource in a path.
bool isUsableResourceName(const QString &name);

/// An errorInfo response with the status and a human-readable reason.
mid::Response errorResponse(mid::StatusCode status, const QString &additionalInfo);

} // namespace m2mbench::nodes
