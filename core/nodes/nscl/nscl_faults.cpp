// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_faults.h"

namespace m2mbench::nodes {

const QList<NsclFault> &nsclFaultCatalogue() {
    static const QList<NsclFault> catalogue = {
        // SCL registration (TS 102 690 clause 9.3.2.6)
        {QStringLiteral("scl-duplicate-accepted"), QStringLiteral("registration"),
         QStringLiteral("a second registration with a registered sclId answers STATUS_CREATED "
                        "and replaces the first, instead of STATUS_CONFLICT")},
        {QStringLiteral("scl-location-missing"), QStringLiteral("registration"),
         QStringLiteral("a registration's response carries no Location of the new <scl>")},
        {QStringLiteral("scl-created-as-ok"), QStringLiteral("registration"),
         QStringLiteral("a registration answers STATUS_OK instead of STATUS_CREATED")},
        {QStringLiteral("scl-sclid-unchecked"), QStringLiteral("registration"),
         QStringLiteral("a registration without sclId is accepted under a generated name instead "
                        "of STATUS_BAD_REQUEST")},
        {QStringLiteral("scl-delete-ignored"), QStringLiteral("registration"),
         QStringLiteral("deregistration answers STATUS_OK but the <scl> stays")},
        {QStringLiteral("scl-update-ignored"), QStringLiteral("registration"),
         QStringLiteral("an UPDATE of <scl> answers STATUS_OK but stores nothing")},
        {QStringLiteral("scl-not-listed"), QStringLiteral("registration"),
         QStringLiteral("the <scls> collection leaves registered SCLs out")},
        {QStringLiteral("scl-expired-served"), QStringLiteral("registration"),
         QStringLiteral("an <scl> past its expirationTime is still served")},
        {QStringLiteral("creation-time-writable"), QStringLiteral("registration"),
         QStringLiteral("a creationTime given by the registrant is accepted instead of "
                        "STATUS_BAD_REQUEST")},
        // Application registration (TS 102 690 clause 9.3.2.8)
        {QStringLiteral("app-duplicate-accepted"), QStringLiteral("applications"),
         QStringLiteral("a second registration of a registered appId answers STATUS_CREATED and "
                        "replaces the first, instead of STATUS_CONFLICT")},
        {QStringLiteral("app-update-ignored"), QStringLiteral("applications"),
         QStringLiteral("an UPDATE of <application> answers STATUS_OK but stores nothing")},
        {QStringLiteral("app-expired-served"), QStringLiteral("applications"),
         QStringLiteral("an <application> past its expirationTime is still served")},
        {QStringLiteral("app-delete-keeps-containers"), QStringLiteral("applications"),
         QStringLiteral("a deregistered application's containers are kept and come back when the "
                        "appId registers again")},
        // Containers and content instances (TS 102 690 clauses 9.3.2.17 to 9.3.2.20)
        {QStringLiteral("container-duplicate-accepted"), QStringLiteral("containers"),
         QStringLiteral("creating a <container> with an id in use answers STATUS_CREATED instead "
                        "of STATUS_CONFLICT")},
        {QStringLiteral("container-location-missing"), QStringLiteral("containers"),
         QStringLiteral("a <container> creation's response carries no Location")},
        {QStringLiteral("container-not-listed"), QStringLiteral("containers"),
         QStringLiteral("the <containers> collection leaves created containers out")},
        {QStringLiteral("container-lastmodified-frozen"), QStringLiteral("containers"),
         QStringLiteral("an UPDATE of <container> leaves lastModifiedTime unchanged")},
        {QStringLiteral("container-update-ignored"), QStringLiteral("containers"),
         QStringLiteral("an UPDATE of <container> answers STATUS_OK but keeps the old attributes")},
        {QStringLiteral("container-delete-ignored"), QStringLiteral("containers"),
         QStringLiteral("a DELETE of <container> answers STATUS_OK but the container stays")},
        {QStringLiteral("container-delete-keeps-instances"), QStringLiteral("containers"),
         QStringLiteral("a deleted container's content instances reappear in a new container of "
                        "the same id")},
        {QStringLiteral("cin-latest-is-oldest"), QStringLiteral("containers"),
         QStringLiteral("<contentInstances>/latest answers the oldest instance")},
        {QStringLiteral("cin-max-nr-ignored"), QStringLiteral("containers"),
         QStringLiteral("maxNrOfInstances is not enforced: old instances are never removed")},
        {QStringLiteral("cin-max-bytes-ignored"), QStringLiteral("containers"),
         QStringLiteral("maxByteSize is not enforced")},
        {QStringLiteral("cin-content-size-wrong"), QStringLiteral("containers"),
         QStringLiteral("contentSize is one byte more than the content")},
        {QStringLiteral("cin-content-truncated"), QStringLiteral("containers"),
         QStringLiteral("a content instance's content loses its last byte")},
        {QStringLiteral("cin-count-stale"), QStringLiteral("containers"),
         QStringLiteral("currentNrOfInstances and currentByteSize stay 0 whatever the container "
                        "holds")},
        {QStringLiteral("cin-update-accepted"), QStringLiteral("containers"),
         QStringLiteral("an UPDATE of a <contentInstance> (which is not allowed) answers "
                        "STATUS_OK")},
        {QStringLiteral("cin-filter-ignored"), QStringLiteral("containers"),
         QStringLiteral("the filter criteria of a RETRIEVE of <contentInstances> (createdSince, "
                        "sizeFrom, contentType, ...) are ignored: every instance is listed")},
        {QStringLiteral("cin-metadata-only-ignored"), QStringLiteral("containers"),
         QStringLiteral("a RETRIEVE of a <contentInstance> with metaDataOnly=true carries the "
                        "content anyway")},
        // Access rights (TS 102 690 clause 9.3.2, access rights management)
        {QStringLiteral("access-right-not-enforced"), QStringLiteral("access rights"),
         QStringLiteral(
             "the permissions of an <accessRight> are never checked: every requestingEntity "
             "may do everything to the resources it protects")},
        {QStringLiteral("access-right-not-inherited"), QStringLiteral("access rights"),
         QStringLiteral("a resource without an accessRightID of its own (a container's content "
                        "instances) is not protected by its parent's")},
        {QStringLiteral("access-right-self-ignored"), QStringLiteral("access rights"),
         QStringLiteral(
             "the selfPermissions of an <accessRight> are not checked: anyone may update or "
             "delete it")},
        {QStringLiteral("access-right-delete-as-write"), QStringLiteral("access rights"),
         QStringLiteral(
             "a DELETE is allowed to holders of the WRITE flag instead of the DELETE flag")},
        {QStringLiteral("access-right-holder-prefix"), QStringLiteral("access rights"),
         QStringLiteral(
             "a holderRef matches every requestingEntity that starts with it, not only the "
             "entity it names")},
        {QStringLiteral("access-right-denied-as-forbidden"), QStringLiteral("access rights"),
         QStringLiteral("a request the access rights refuse answers STATUS_FORBIDDEN instead of "
                        "STATUS_PERMISSION_DENIED")},
        {QStringLiteral("access-right-update-ignored"), QStringLiteral("access rights"),
         QStringLiteral(
             "an UPDATE of <accessRight> answers STATUS_OK but keeps the old permissions")},
        {QStringLiteral("access-right-dangling-open"), QStringLiteral("access rights"),
         QStringLiteral(
             "an accessRightID that names no <accessRight> (deleted, or never created) lets "
             "every request through instead of none")},
        // Groups (TS 102 690 clause 9.3.2, group management)
        {QStringLiteral("group-member-type-unchecked"), QStringLiteral("groups"),
         QStringLiteral("a <group> whose members are not of its memberType (or name no resource) "
                        "is accepted instead of STATUS_BAD_REQUEST")},
        {QStringLiteral("group-max-members-ignored"), QStringLiteral("groups"),
         QStringLiteral("a <group> with more members than its maxNrOfMembers is accepted")},
        {QStringLiteral("group-count-stale"), QStringLiteral("groups"),
         QStringLiteral(
             "currentNrOfMembers keeps the count of the creation after an UPDATE of the members")},
        {QStringLiteral("group-fanout-skips-last"), QStringLiteral("groups"),
         QStringLiteral("a request to membersContent does not reach the last member")},
        {QStringLiteral("group-fanout-ignores-access"), QStringLiteral("groups"),
         QStringLiteral("a request to membersContent reaches members the requestingEntity has no "
                        "permission on")},
        // Discovery (TS 102 690 clause 9.3.2, resource discovery)
        {QStringLiteral("discovery-or-search-strings"), QStringLiteral("discovery"),
         QStringLiteral("a discovery with several searchStrings answers resources that have any of "
                        "them instead of all")},
        {QStringLiteral("discovery-max-size-ignored"), QStringLiteral("discovery"),
         QStringLiteral(
             "a discovery answers every match whatever its maxSize, and never says truncated")},
        {QStringLiteral("discovery-prefix-ignored"), QStringLiteral("discovery"),
         QStringLiteral("a discovery searches the whole <sclBase> whatever its searchPrefix")},
        {QStringLiteral("discovery-ignores-access"), QStringLiteral("discovery"),
         QStringLiteral(
             "a discovery answers resources the requestingEntity holds no DISCOVER permission on")},
        // Subscriptions and notifications (TS 102 690 clause 9.3.2, subscription management)
        {QStringLiteral("notification-not-sent"), QStringLiteral("subscriptions"),
         QStringLiteral("a change of a subscribed resource sends no notification to the "
                        "subscription's contact")},
        {QStringLiteral("notification-wrong-reference"), QStringLiteral("subscriptions"),
         QStringLiteral("a notification's subscriptionReference names the subscribed resource "
                        "instead of the subscription")},
        {QStringLiteral("subscription-delete-ignored"), QStringLiteral("subscriptions"),
         QStringLiteral("a DELETE of a <subscription> answers STATUS_OK but notifications go on")},
        {QStringLiteral("subscription-expired-notified"), QStringLiteral("subscriptions"),
         QStringLiteral("a subscription past its expirationTime is still served and notified")},
        {QStringLiteral("subscription-min-time-ignored"), QStringLiteral("subscriptions"),
         QStringLiteral(
             "minimalTimeBetweenNotifications is not kept: every change is notified at once")},
        {QStringLiteral("subscription-filter-ignored"), QStringLiteral("subscriptions"),
         QStringLiteral("the filterCriteria of a <subscription> are accepted but not applied: "
                        "every new content instance is notified, with the unfiltered collection")},
        {QStringLiteral("channel-drops-notifications"), QStringLiteral("subscriptions"),
         QStringLiteral("a notification for a subscriber whose contact is a notification channel "
                        "never reaches the channel")},
        {QStringLiteral("long-poll-not-held"), QStringLiteral("subscriptions"),
         QStringLiteral("a long poll on an empty notification channel is answered "
                        "STATUS_REQUEST_TIMEOUT at once instead of being held")},
        // Announce / de-announce (TS 102 690 clause 9.3.2)
        {QStringLiteral("annc-link-unchecked"), QStringLiteral("announce"),
         QStringLiteral("an announced resource without the link to its original is accepted "
                        "instead of STATUS_BAD_REQUEST")},
        {QStringLiteral("annc-not-listed"), QStringLiteral("announce"),
         QStringLiteral("a collection's ...AnncCollection leaves the announced resources out")},
        {QStringLiteral("annc-deannounce-ignored"), QStringLiteral("announce"),
         QStringLiteral("a de-announce (DELETE of the announced resource) answers STATUS_OK but "
                        "the announced resource stays")},
        {QStringLiteral("annc-expired-served"), QStringLiteral("announce"),
         QStringLiteral("an announced resource past its expirationTime is still served")},
        {QStringLiteral("annc-update-ignored"), QStringLiteral("announce"),
         QStringLiteral("an UPDATE of an announced resource answers STATUS_OK but stores "
                        "nothing")},
        // Remote entity management (TS 102 690 clause 9.2.3.27, annex B)
        {QStringLiteral("mgmtobj-attributes-dropped"), QStringLiteral("xREM"),
         QStringLiteral("a <mgmtObj> is served without the elements of its management object "
                        "type (manufacturer, firmwareVersion, ...)")},
        {QStringLiteral("mgmtobj-update-ignored"), QStringLiteral("xREM"),
         QStringLiteral("an UPDATE of a management object's own elements answers STATUS_OK but "
                        "keeps the old values")},
        {QStringLiteral("mgmtcmd-no-exec-instance"), QStringLiteral("xREM"),
         QStringLiteral("running a <mgmtCmd> (UPDATE of execEnable) answers STATUS_CREATED but "
                        "no <execInstance> exists")},
        {QStringLiteral("exec-status-backwards"), QStringLiteral("xREM"),
         QStringLiteral("an execInstance's execStatus may go back (FINISHED to STARTED) instead "
                        "of the UPDATE being refused")},
        {QStringLiteral("attached-device-keeps-mgmtobjs"), QStringLiteral("xREM"),
         QStringLiteral("a removed attached device's management objects come back when a device "
                        "of that id is attached again")},
        // Any resource
        {QStringLiteral("error-info-missing"), QStringLiteral("general"),
         QStringLiteral("error responses carry no <errorInfo> body")},
        {QStringLiteral("wrong-namespace"), QStringLiteral("general"),
         QStringLiteral("representations are written in the namespace "
                        "http://uri.etsi.org/m2m/1.0 instead of http://uri.etsi.org/m2m")},
        {QStringLiteral("malformed-accepted"), QStringLiteral("general"),
         QStringLiteral("a malformed XML body on CREATE is ignored and the resource is created "
                        "with default attributes")},
        {QStringLiteral("method-not-allowed-as-ok"), QStringLiteral("general"),
         QStringLiteral("a method a resource does not allow answers STATUS_OK instead of "
                        "STATUS_METHOD_NOT_ALLOWED")},
        {QStringLiteral("not-found-as-ok"), QStringLiteral("general"),
         QStringLiteral("a RETRIEVE of a resource that does not exist answers STATUS_OK with an "
                        "empty body")},
    };
    return catalogue;
}

Result<QSet<QString>> parseNsclFaults(const QStringList &names) {
    QSet<QString> out;
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        if (name.isEmpty()) {
            continue;
        }
        bool known = false;
        for (const NsclFault &f : nsclFaultCatalogue()) {
            known = known || f.name == name;
        }
        if (!known) {
            return fail(Error::Kind::Config,
                        QStringLiteral("unknown NSCL fault '%1' (m2mbench-cli faults lists them)")
                            .arg(name));
        }
        out.insert(name);
    }
    return out;
}

} // namespace m2mbench::nodes
