namespace McscMonitor.Records;

/// <summary>Every record type, each defined once.</summary>
public static class RecordDefinitions
{
    public static readonly Councils.CouncilRecord Councils = new();
    public static readonly Members.MemberRecord Members = new();
    public static readonly Meetings.MeetingRecord Meetings = new();
    public static readonly WorkPlans.WorkPlanRecord WorkPlans = new();
    public static readonly Compensations.CompensationRecord Compensation = new();
    public static readonly FollowUp.RecommendationRecord Recommendations = new();

    public static readonly IReadOnlyList<IRecordDefinition> All = [Councils, Members, Meetings, WorkPlans, Compensation, Recommendations];

    /// <summary>The record type an audit entry names by its entity.</summary>
    public static IRecordDefinition? For(string entity) => All.FirstOrDefault(definition => definition.RecordType.Name == entity);

    /// <summary>Its API and its forms, for every record type.</summary>
    public static void MapAll(IEndpointRouteBuilder routes)
    {
        foreach (var definition in All) definition.Map(routes);
    }
}
