// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the mId test cases: building representations and common steps.

export const M2M_NS = "http://uri.etsi.org/m2m";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/// Text made safe for XML content and attribute values.
export function escapeXml(text) {
    return String(text)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;");
}

/// An <scl> representation for registration or update. Fields are written in the order of
/// scl.xsd; only those given appear.
export function sclXml(fields) {
    const parts = [];
    if (fields.pocs) {
        parts.push("<m2m:pocs>" +
            fields.pocs.map((p) => `<reference>${escapeXml(p)}</reference>`).join("") +
            "</m2m:pocs>");
    }
    if (fields.onlineStatus) {
        parts.push(`<m2m:onlineStatus>${escapeXml(fields.onlineStatus)}</m2m:onlineStatus>`);
    }
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push("<m2m:searchStrings>" +
            fields.searchStrings.map((s) => `<m2m:searchString>${escapeXml(s)}</m2m:searchString>`).join("") +
            "</m2m:searchStrings>");
    }
    const id = fields.sclId !== undefined ? ` sclId="${escapeXml(fields.sclId)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:scl xmlns:m2m="${M2M_NS}"${id}>` +
        parts.join("") + "</m2m:scl>";
}

/// Paths of the NSCL's resources, from PIXIT.
export function paths(ctx) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const sclId = ctx.pixit("PX_SCL_ID");
    return {
        base,
        scls: `${base}/scls`,
        scl: `${base}/scls/${sclId}`,
        sclId,
    };
}

/// The registration the bench's D/GSCL sends, from PIXIT.
export function registration(ctx, extra = {}) {
    return sclXml(Object.assign({
        sclId: ctx.pixit("PX_SCL_ID"),
        pocs: [ctx.pixit("PX_SCL_POC")],
        expirationTime: ctx.dateTime(ctx.pixit("PX_SCL_LIFETIME_S")),
        searchStrings: ["m2mbench"],
    }, extra));
}

/// Makes sure the bench's SCL is registered (preamble step); 409 means it already was.
export function ensureRegistered(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx));
    ctx.expectStatus(rsp, ["STATUS_CREATED", "STATUS_CONFLICT"]);
    return rsp;
}

/// Removes the bench's SCL if present (preamble or postamble step); 404 means it was not there.
export function ensureDeregistered(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.remove(p.scl);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// Base64 of a text's UTF-8 bytes (QJSEngine has no btoa).
export function base64(text) {
    const bytes = [];
    for (const ch of unescape(encodeURIComponent(String(text)))) {
        bytes.push(ch.charCodeAt(0));
    }
    const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
        const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
        out += table[(n >> 18) & 63] + table[(n >> 12) & 63] +
            (i + 1 < bytes.length ? table[(n >> 6) & 63] : "=") +
            (i + 2 < bytes.length ? table[n & 63] : "=");
    }
    return out;
}

/// A <container> representation (container.xsd order); only the fields given appear.
export function containerXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.accessRightID) {
        parts.push(`<m2m:accessRightID>${escapeXml(fields.accessRightID)}</m2m:accessRightID>`);
    }
    if (fields.searchStrings) {
        parts.push("<m2m:searchStrings>" +
            fields.searchStrings.map((s) => `<m2m:searchString>${escapeXml(s)}</m2m:searchString>`).join("") +
            "</m2m:searchStrings>");
    }
    if (fields.creationTime) {
        parts.push(`<m2m:creationTime>${escapeXml(fields.creationTime)}</m2m:creationTime>`);
    }
    for (const name of ["maxNrOfInstances", "maxByteSize", "maxInstanceAge"]) {
        if (fields[name] !== undefined) {
            parts.push(`<m2m:${name}>${escapeXml(fields[name])}</m2m:${name}>`);
        }
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:container xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:container>";
}

/// A <contentInstance> representation carrying `text` as its content.
export function contentInstanceXml(text, fields = {}) {
    const types = fields.contentTypes || ["text/plain"];
    const size = fields.contentSize !== undefined
        ? `<m2m:contentSize>${fields.contentSize}</m2m:contentSize>` : "";
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:contentInstance xmlns:m2m="${M2M_NS}"${id}>` +
        "<m2m:contentTypes>" + types.map((t) => `<m2m:contentType>${escapeXml(t)}</m2m:contentType>`).join("") +
        "</m2m:contentTypes>" + size + `<m2m:content>${base64(text)}</m2m:content></m2m:contentInstance>`;
}

/// Paths of a container of the <sclBase> (or of `host`), named by PX_CONTAINER_ID unless given.
export function containerPaths(ctx, id, host) {
    const base = host || ctx.pixit("PX_NSCL_BASE");
    const name = id || ctx.pixit("PX_CONTAINER_ID");
    const container = `${base}/containers/${name}`;
    return {
        containers: `${base}/containers`,
        container,
        id: name,
        instances: `${container}/contentInstances`,
        latest: `${container}/contentInstances/latest`,
        oldest: `${container}/contentInstances/oldest`,
    };
}

/// Removes a container if present (preamble or postamble step).
export function ensureNoContainer(ctx, id, host) {
    const rsp = ctx.device.remove(containerPaths(ctx, id, host).container);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// Creates a fresh container (any earlier one of that id removed first): preamble step.
export function freshContainer(ctx, fields = {}, host) {
    const c = containerPaths(ctx, fields.id, host);
    ensureNoContainer(ctx, c.id, host);
    const rsp = ctx.device.create(c.containers, containerXml(Object.assign({ id: c.id }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return c;
}

/// Adds a content instance holding `text` (raw content, typed text/plain).
export function addInstance(ctx, c, text) {
    const rsp = ctx.device.create(c.instances, text, { contentType: "text/plain" });
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return rsp;
}

/// The five permission flags of accessRight.xsd.
export const ALL_FLAGS = ["READ", "WRITE", "DISCOVER", "DELETE", "CREATE"];

/// `<m2m:element>` holding one `<m2m:item>` per value.
export function xmlList(element, item, values) {
    return `<m2m:${element}>` + values.map((v) => `<m2m:${item}>${escapeXml(v)}</m2m:${item}>`).join("") +
        `</m2m:${element}>`;
}

/// A <permissions> or <selfPermissions> list. Each permission is
/// { id, flags: [...], holders: { holderRefs, applicationIDs, sclIDs, all, domains } }.
function permissionListXml(element, list) {
    const items = (list || []).map((p) => {
        const h = p.holders || {};
        const holders = (h.holderRefs ? xmlList("holderRefs", "holderRef", h.holderRefs) : "") +
            (h.applicationIDs ? xmlList("applicationIDs", "applicationID", h.applicationIDs) : "") +
            (h.sclIDs ? xmlList("sclIDs", "sclID", h.sclIDs) : "") +
            (h.all ? "<m2m:all/>" : "") +
            (h.domains ? xmlList("domains", "domain", h.domains) : "");
        const id = p.id !== undefined ? ` m2m:id="${escapeXml(p.id)}"` : "";
        return `<m2m:permission${id}>` + xmlList("permissionFlags", "flag", p.flags || []) +
            `<m2m:permissionHolders>${holders}</m2m:permissionHolders></m2m:permission>`;
    });
    return `<m2m:${element}>${items.join("")}</m2m:${element}>`;
}

/// An <accessRight> representation (accessRight.xsd order); `selfPermissions: null` leaves the
/// mandatory element out.
export function accessRightXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push(xmlList("searchStrings", "searchString", fields.searchStrings));
    }
    if (fields.permissions) {
        parts.push(permissionListXml("permissions", fields.permissions));
    }
    if (fields.selfPermissions !== null) {
        parts.push(permissionListXml("selfPermissions", fields.selfPermissions || []));
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:accessRight xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:accessRight>";
}

/// The requestingEntity the bench's requests carry unless a step names another.
export function ownEntity(ctx) {
    return ctx.pixit("PX_REQUESTING_ENTITY") || ctx.pixit("PX_SCL_ID");
}

/// A permission giving every flag to the bench's own requestingEntity.
export function ownerPermission(ctx) {
    return { id: "owner", flags: ALL_FLAGS, holders: { holderRefs: [ownEntity(ctx)] } };
}

/// Paths of an <accessRight> of the <sclBase>, named by PX_ACCESS_RIGHT_ID unless given.
export function accessRightPaths(ctx, id) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const name = id || ctx.pixit("PX_ACCESS_RIGHT_ID");
    return {
        accessRights: `${base}/accessRights`,
        accessRight: `${base}/accessRights/${name}`,
        id: name,
    };
}

/// Removes an access right if present (preamble or postamble step).
export function ensureNoAccessRight(ctx, id) {
    const rsp = ctx.device.remove(accessRightPaths(ctx, id).accessRight);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// A fresh <accessRight> (any earlier one of the same id removed first); the bench's entity
/// holds every flag in both lists unless `fields` says otherwise.
export function freshAccessRight(ctx, fields = {}) {
    const a = accessRightPaths(ctx, fields.id);
    ensureNoAccessRight(ctx, a.id);
    const rsp = ctx.device.create(a.accessRights, accessRightXml(Object.assign({
        id: a.id,
        permissions: [ownerPermission(ctx)],
        selfPermissions: [ownerPermission(ctx)],
    }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return a;
}

/// A container protected by a fresh access right that gives the bench's entity everything and
/// PX_OTHER_ENTITY the flags in `otherFlags`. Each test case names its own container
/// (`containerFields.id`), so that one a faulty NSCL failed to delete cannot spill into the
/// next. Returns { a, c, other }.
export function protectedContainer(ctx, otherFlags, containerFields) {
    const other = ctx.pixit("PX_OTHER_ENTITY");
    ensureNoContainer(ctx, containerFields.id);
    const permissions = [ownerPermission(ctx)];
    if (otherFlags.length > 0) {
        permissions.push({ id: "other", flags: otherFlags, holders: { holderRefs: [other] } });
    }
    const a = freshAccessRight(ctx, { permissions });
    const c = freshContainer(ctx, Object.assign({ accessRightID: a.accessRight }, containerFields));
    return { a, c, other };
}

/// Removes what protectedContainer made (postamble step), container first.
export function removeProtectedContainer(ctx, p) {
    if (p) {
        ensureNoContainer(ctx, p.c.id);
    }
    ensureNoAccessRight(ctx);
}

/// Step options for a request made as another requestingEntity. Over a secured binding the NSCL
/// rightly refuses any entity but the one its PSK session authenticated, and the bench holds no
/// keys of a second node: such a request goes over the plain binding of the same family.
export function asEntity(ctx, entity, options = {}) {
    const binding = ctx.pixit("PX_MID_BINDING");
    const plain = binding === "coap" || binding === "coaps" ? "coap" : "http";
    return Object.assign({ requestingEntity: entity, binding: plain }, options);
}

/// A <group> representation (group.xsd order); `members` is a list of URIs.
export function groupXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.accessRightID) {
        parts.push(`<m2m:accessRightID>${escapeXml(fields.accessRightID)}</m2m:accessRightID>`);
    }
    if (fields.searchStrings) {
        parts.push(xmlList("searchStrings", "searchString", fields.searchStrings));
    }
    if (fields.memberType) {
        parts.push(`<m2m:memberType>${escapeXml(fields.memberType)}</m2m:memberType>`);
    }
    if (fields.currentNrOfMembers !== undefined) {
        parts.push(`<m2m:currentNrOfMembers>${escapeXml(fields.currentNrOfMembers)}</m2m:currentNrOfMembers>`);
    }
    if (fields.maxNrOfMembers !== undefined) {
        parts.push(`<m2m:maxNrOfMembers>${escapeXml(fields.maxNrOfMembers)}</m2m:maxNrOfMembers>`);
    }
    if (fields.members) {
        // AnyURIList's <reference> is a local element: unqualified
        parts.push("<m2m:members>" + fields.members.map((m) => `<reference>${escapeXml(m)}</reference>`).join("") +
            "</m2m:members>");
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:group xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:group>";
}

/// Paths of a <group> of the <sclBase>, named by PX_GROUP_ID unless given.
export function groupPaths(ctx, id) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const name = id || ctx.pixit("PX_GROUP_ID");
    const group = `${base}/groups/${name}`;
    return { groups: `${base}/groups`, group, id: name, membersContent: `${group}/membersContent` };
}

/// Removes a group if present (preamble or postamble step).
export function ensureNoGroup(ctx, id) {
    const rsp = ctx.device.remove(groupPaths(ctx, id).group);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// Two fresh containers of the <sclBase> (named after the group) and a fresh <group> of
/// CONTAINER members naming them. Returns { g, members: [container paths...] }.
export function groupOfContainers(ctx, count = 2, fields = {}) {
    const g = groupPaths(ctx, fields.id);
    ensureNoGroup(ctx, g.id);
    const members = [];
    for (let i = 1; i <= count; ++i) {
        members.push(freshContainer(ctx, { id: `${g.id}-m${i}` }));
    }
    const rsp = ctx.device.create(g.groups, groupXml(Object.assign({
        id: g.id, memberType: "CONTAINER", members: members.map((c) => c.container),
    }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return { g, members };
}

/// Removes what groupOfContainers made (postamble step).
export function removeGroupOfContainers(ctx, count = 2, id) {
    const g = groupPaths(ctx, id);
    ensureNoGroup(ctx, g.id);
    for (let i = 1; i <= count; ++i) {
        ensureNoContainer(ctx, `${g.id}-m${i}`);
    }
}

/// The <status> entries of a <membersContentResponses>, by member: { statusCode, body }.
export function memberStatuses(ctx, rsp) {
    const ids = ctx.select(rsp.body, "status/@id") || [];
    const codes = ctx.select(rsp.body, "status/statusCode") || [];
    const out = {};
    ids.forEach((id, i) => { out[id] = { statusCode: codes[i] }; });
    return out;
}

/// The path of the <sclBase>'s discovery with the criteria as query: { searchString: [...],
/// searchPrefix, maxSize, createdAfter, createdBefore }.
export function discoveryPath(ctx, criteria = {}) {
    const q = [];
    for (const s of criteria.searchString || []) {
        q.push(`searchString=${encodeURIComponent(s)}`);
    }
    for (const k of ["searchPrefix", "maxSize", "createdAfter", "createdBefore"]) {
        if (criteria[k] !== undefined) {
            q.push(`${k}=${encodeURIComponent(criteria[k])}`);
        }
    }
    return `${ctx.pixit("PX_NSCL_BASE")}/discovery` + (q.length ? "?" + q.join("&") : "");
}

/// The URIs a <discovery> answer lists, as paths (an absolute URI's path).
export function discovered(ctx, rsp) {
    return (ctx.select(rsp.body, "discoveryURI/reference") || []).map((u) => u.replace(/^[a-z]+:\/\/[^/]*/, ""));
}

/// Fresh containers of the <sclBase> named PREFIX-1.. with the searchStrings given for each.
export function taggedContainers(ctx, prefix, tags) {
    return tags.map((t, i) => freshContainer(ctx, { id: `${prefix}-${i + 1}`, searchStrings: t }));
}

/// A <subscription> representation (subscription.xsd order).
export function subscriptionXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.minimalTimeBetweenNotifications !== undefined) {
        parts.push(`<m2m:minimalTimeBetweenNotifications>${escapeXml(fields.minimalTimeBetweenNotifications)}` +
            "</m2m:minimalTimeBetweenNotifications>");
    }
    if (fields.delayTolerance) {
        parts.push(`<m2m:delayTolerance>${escapeXml(fields.delayTolerance)}</m2m:delayTolerance>`);
    }
    if (fields.filterCriteria) {
        parts.push(filterCriteriaXml(fields.filterCriteria));
    }
    if (fields.subscriptionType) {
        parts.push(`<m2m:subscriptionType>${escapeXml(fields.subscriptionType)}</m2m:subscriptionType>`);
    }
    if (fields.contact !== undefined) {
        parts.push(`<m2m:contact>${escapeXml(fields.contact)}</m2m:contact>`);
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:subscription xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:subscription>";
}

/// A <filterCriteria> of ContentInstanceFilterCriteriaType (contentInstances.xsd): `criteria`
/// is a list of [name, value] in the schema's order (local, unqualified elements).
export function filterCriteriaXml(criteria) {
    return `<m2m:filterCriteria xmlns:xsi="${XSI_NS}" xsi:type="m2m:ContentInstanceFilterCriteriaType">` +
        criteria.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("") +
        "</m2m:filterCriteria>";
}

/// Checks that `sink` received exactly one notification (waiting for it, then a little longer
/// for a wrong second one), whose <contentInstances> lists only the instance `created` (a CREATE
/// response); `what` names that instance. Returns the notification, or null.
export function expectOnlyNotified(ctx, sink, created, what) {
    const got = sink.wait(1);
    ctx.sleep(300);
    ctx.expectEqual(sink.received(), 1, `notifications: one, for ${what} only`);
    if (got.length === 0) {
        return null;
    }
    const listed = ctx.select(got[0].representation, "contentInstanceCollection/contentInstance/@id") || [];
    ctx.expectEqual(listed.join(" "), String(created.location || "").split("/").pop(),
        `the notified representation lists only ${what}`, got[0]);
    return got[0];
}

/// Subscribes `contact` to the resource at `resource` (a step that must succeed); returns the
/// path of the new <subscription>.
export function subscribe(ctx, resource, contact, fields = {}) {
    const rsp = ctx.device.create(`${resource}/subscriptions`,
        subscriptionXml(Object.assign({ contact }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return String(rsp.location || `${resource}/subscriptions/${fields.id || ""}`).replace(/^[a-z]+:\/\/[^/]*/, "");
}

/// An <application> representation (application.xsd order); `appId` is the attribute.
export function applicationXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push(xmlList("searchStrings", "searchString", fields.searchStrings));
    }
    if (fields.creationTime) {
        parts.push(`<m2m:creationTime>${escapeXml(fields.creationTime)}</m2m:creationTime>`);
    }
    if (fields.aPoC) {
        parts.push(`<m2m:aPoC>${escapeXml(fields.aPoC)}</m2m:aPoC>`);
    }
    const id = fields.appId !== undefined ? ` appId="${escapeXml(fields.appId)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:application xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:application>";
}

/// Paths of the network application PX_APP_ID (or `id`) on the NSCL.
export function appPaths(ctx, id) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const appId = id || ctx.pixit("PX_APP_ID");
    return { applications: `${base}/applications`, application: `${base}/applications/${appId}`, appId };
}

/// Deregisters the application if registered (preamble or postamble step).
export function ensureNoApplication(ctx, id) {
    const rsp = ctx.device.remove(appPaths(ctx, id).application);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// A freshly registered network application (an earlier one of the same appId deregistered).
export function freshApplication(ctx, fields = {}) {
    const a = appPaths(ctx, fields.appId);
    ensureNoApplication(ctx, a.appId);
    const rsp = ctx.device.create(a.applications, applicationXml(Object.assign({
        appId: a.appId, searchStrings: ["m2mbench"], aPoC: "http://na.invalid/app",
    }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return a;
}
