namespace McscMonitor.Data.Migrations;

/// <summary>
/// Names the municipality of audit entries written before entries carried it, wherever the
/// record still says which. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal static class AuditMunicipalityBackfill
{
    private static string ThroughCouncil(string entity, string table) => $"""
        UPDATE "AuditEntries" SET "MunicipalityCode" = (
            SELECT c."MunicipalityCode" FROM "{table}" r JOIN "Councils" c ON c."Id" = r."CouncilId"
            WHERE CAST(r."Id" AS TEXT) = "AuditEntries"."EntityKey")
        WHERE "Entity" = '{entity}' AND "MunicipalityCode" IS NULL;
        """;

    private static string Direct(string entity, string table) => $"""
        UPDATE "AuditEntries" SET "MunicipalityCode" = (
            SELECT r."MunicipalityCode" FROM "{table}" r WHERE CAST(r."Id" AS TEXT) = "AuditEntries"."EntityKey")
        WHERE "Entity" = '{entity}' AND "MunicipalityCode" IS NULL;
        """;

    public static readonly string Sql = string.Join("\n",
        ThroughCouncil("Meeting", "Meetings"),
        ThroughCouncil("Member", "Members"),
        ThroughCouncil("WorkPlan", "WorkPlans"),
        Direct("Council", "Councils"),
        Direct("Compensation", "Compensation"),
        Direct("Approval", "Approvals"),
        Direct("Recommendation", "Recommendations"),
        """
        UPDATE "AuditEntries" SET "MunicipalityCode" = "EntityKey"
        WHERE "Entity" IN ('Municipality', 'MemberList') AND "EntityKey" <> 'all' AND "MunicipalityCode" IS NULL;
        """);
}
