namespace McscMonitor.Tests;

/// <summary>A meeting as the API's JSON contract has it (DESIGN §4): what a client reads and what the tests hold the API to.</summary>
public sealed record MeetingJson(
    int Id, string Municipality, DateOnly Date, string Status, int? Attendees, int? WomenAttendees,
    bool? DiscussedSecurityIncidents, bool? DiscussedNonMajorityConcerns, bool? MinutesKept, long Version);
