using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jiexin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_event_buckets",
                columns: table => new
                {
                    Grain = table.Column<short>(type: "smallint", nullable: false),
                    ScopeKind = table.Column<short>(type: "smallint", nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Dimension = table.Column<short>(type: "smallint", nullable: false),
                    Measure = table.Column<short>(type: "smallint", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tier = table.Column<short>(type: "smallint", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_event_buckets", x => new { x.Grain, x.ScopeKind, x.ScopeId, x.Dimension, x.Measure, x.Day, x.Value, x.Tier });
                });

            migrationBuilder.CreateTable(
                name: "analytics_event_deltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Measure = table.Column<short>(type: "smallint", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Tier = table.Column<short>(type: "smallint", nullable: false),
                    Delta = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_event_deltas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_monthly_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ScopeKind = table.Column<short>(type: "smallint", nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<short>(type: "smallint", nullable: false),
                    OverallSituation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ProminentIssues = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RiskAssessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextSteps = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FiguresJson = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FinalisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinalisedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_monthly_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_leader_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_leader_areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_rule_sets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ResponseWorkingHours = table.Column<int>(type: "integer", nullable: false),
                    DepartmentResponse = table.Column<int>(type: "integer", nullable: false),
                    DepartmentOnTime = table.Column<int>(type: "integer", nullable: false),
                    DepartmentReturns = table.Column<int>(type: "integer", nullable: false),
                    DepartmentCheckIn = table.Column<int>(type: "integer", nullable: false),
                    DepartmentSatisfaction = table.Column<int>(type: "integer", nullable: false),
                    DepartmentFollowUp = table.Column<int>(type: "integer", nullable: false),
                    AreaDiscovery = table.Column<int>(type: "integer", nullable: false),
                    AreaInTier = table.Column<int>(type: "integer", nullable: false),
                    AreaOverdue = table.Column<int>(type: "integer", nullable: false),
                    AreaSatisfaction = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_rule_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "attribution_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EnglishName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Icon = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Phrases = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Label = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DefaultDepartmentShortName = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attribution_categories_attribution_categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "attribution_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attribution_model_state",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModelName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_model_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "attribution_routing_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "attribution_training_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HistoryCount = table.Column<int>(type: "integer", nullable: false),
                    TrainCount = table.Column<int>(type: "integer", nullable: false),
                    HeldOutCount = table.Column<int>(type: "integer", nullable: false),
                    BaseCount = table.Column<int>(type: "integer", nullable: false),
                    CurrentModel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CurrentMacroF1 = table.Column<double>(type: "double precision", nullable: true),
                    CurrentAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    CandidateModel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CandidateMacroF1 = table.Column<double>(type: "double precision", nullable: true),
                    CandidateAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    Replaced = table.Column<bool>(type: "boolean", nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution_training_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_analysis_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DoneNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_analysis_measures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_analysis_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Participants = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Conclusions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_analysis_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TypeName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    PeopleCount = table.Column<int>(type: "integer", nullable: false),
                    IsGroup = table.Column<bool>(type: "boolean", nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RiskReasons = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RegistryAddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegistryHouseId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExternalReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReceiverKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReceiverUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceiverRoomId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceiverDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceiverName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InvitedParties = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    SpecialPlan = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AcceptBy = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Guidance = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_consultations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_consultations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_overdue_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_overdue_flags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_rooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specialties = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LeadUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeadName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_rooms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_screening_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CompletedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_screening_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_types",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_types", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "disputes_urgent_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MeasuresTaken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportBy = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_urgent_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events_deadline_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Amount = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_deadline_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CategoryName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AttributionProbability = table.Column<double>(type: "double precision", nullable: true),
                    AttributedCategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AttributionConfident = table.Column<bool>(type: "boolean", nullable: false),
                    SuggestedDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    AssigneeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReturnedByKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReturnedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsAnonymous = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedTier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Warning = table.Column<int>(type: "integer", nullable: false),
                    WarningClaim = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    WhistledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAboveStreetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsAboveStreet = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events_open311_api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_open311_api_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events_patrols",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridWorkerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridWorkerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DistanceMeters = table.Column<double>(type: "double precision", nullable: false),
                    PointCount = table.Column<int>(type: "integer", nullable: false),
                    LastPointAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnchorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnchorLatitude = table.Column<double>(type: "double precision", nullable: true),
                    AnchorLongitude = table.Column<double>(type: "double precision", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_patrols", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridWorkerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridWorkerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    PatrolId = table.Column<Guid>(type: "uuid", nullable: true),
                    Household = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrgUnitKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OrgUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lists_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    OpenedMonth = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    CarryOvers = table.Column<int>(type: "integer", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SourceRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResidentUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourceKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Offer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Categories = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    ContactName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContactPhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lists_publications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_publications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lists_secretary_projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Tier = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecretaryName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Goals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_secretary_projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_audit_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EntityId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Changes = table.Column<string>(type: "text", nullable: true),
                    ClientIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_calendar_days",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_calendar_days", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DetailsJson = table.Column<string>(type: "text", nullable: true),
                    ErrorsJson = table.Column<string>(type: "text", nullable: true),
                    Command = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeasedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_import_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_job_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeasedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastHandled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_job_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "platform_media",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByteSize = table.Column<long>(type: "bigint", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    ThumbnailWidth = table.Column<int>(type: "integer", nullable: false),
                    ThumbnailHeight = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OriginalFileName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    UploadedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_media", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_notification_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_notification_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_personal_data_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProtectedKey = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_personal_data_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_user_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubjectType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_user_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Road = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Building = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UnitNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Room = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_addresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_facilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ResponsibleDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_facilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_roads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LengthMeters = table.Column<double>(type: "double precision", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_roads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_verification_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_verification_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_charters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_charters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_household_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ZoneKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ZonePolygon = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    ZoneAddresses = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_household_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_topics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SourceTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProposerParty = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ProposerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ProposedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_venues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_venues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territory_streets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_streets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warnings_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ConditionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AssigneeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssigneeUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CloseNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ResponseDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RespondedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RespondedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResponseMeasure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_months",
                columns: table => new
                {
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    RuleSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_months", x => x.Month);
                    table.ForeignKey(
                        name: "FK_assessment_months_assessment_rule_sets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "assessment_rule_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "disputes_agreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsPartial = table.Column<bool>(type: "boolean", nullable: false),
                    Terms = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Performance = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Unresolved = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MediatorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SignedRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Judicial = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Court = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    JudicialRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    JudicialDecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    JudicialNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_agreements_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_case_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Participants = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Plan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_case_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_case_meetings_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VisitedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Honoured = table.Column<bool>(type: "boolean", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_follow_ups_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsOrganisation = table.Column<bool>(type: "boolean", nullable: false),
                    IdNumberCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IdNumberIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PhoneIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegistryPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_parties_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReceiverName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReferredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReferredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceiptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceiptBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastProgress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResultAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Resolved = table.Column<bool>(type: "boolean", nullable: true),
                    Result = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_referrals_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Participants = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Minutes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MediatorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_sessions_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_timeline_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_typical_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Process = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MethodNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TypeName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MethodTags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Words = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ProposedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnpublishReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_typical_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_typical_cases_disputes_cases_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes_screening_risks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Parties = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PeopleCount = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TypeName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    VulnerablePeople = table.Column<bool>(type: "boolean", nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RiskReasons = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisputeCaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ConvertedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_screening_risks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_screening_risks_disputes_screening_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "disputes_screening_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "event_registry_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    HouseId = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_registry_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_event_registry_links_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_feedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssigneeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Review = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_events_feedback_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_intake",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhoneProtected = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ExternalOrderNo = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ExternalReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_intake", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_events_intake_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_open311_submissions",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClientName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ServiceCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    MediaUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProtectedContact = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_open311_submissions", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_events_open311_submissions_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_summons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsLead = table.Column<bool>(type: "boolean", nullable: false),
                    ViaWhistle = table.Column<bool>(type: "boolean", nullable: false),
                    SummonedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SummonedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckInDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckInLatitude = table.Column<double>(type: "double precision", nullable: true),
                    CheckInLongitude = table.Column<double>(type: "double precision", nullable: true),
                    IsLate = table.Column<bool>(type: "boolean", nullable: false),
                    LateMinutes = table.Column<int>(type: "integer", nullable: false),
                    PartNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Superseded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_summons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_events_summons_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_supervision_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    IssuedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TargetKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RepliedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_supervision_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_events_supervision_notices_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    UnitKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_events_timeline_events_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_patrol_points",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PatrolId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    AccuracyMeters = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events_patrol_points", x => x.Id);
                    table.ForeignKey(
                        name: "FK_events_patrol_points_events_patrols_PatrolId",
                        column: x => x.PatrolId,
                        principalTable: "events_patrols",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_role_claims_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_user_claims_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_identity_user_logins_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_identity_user_roles_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_identity_user_roles_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_identity_user_tokens_identity_users_UserId",
                        column: x => x.UserId,
                        principalTable: "identity_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lists_item_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_item_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lists_item_timeline_lists_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "lists_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lists_service_needs",
                columns: table => new
                {
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_service_needs", x => new { x.ServiceId, x.NeedId });
                    table.ForeignKey(
                        name: "FK_lists_service_needs_lists_items_NeedId",
                        column: x => x.NeedId,
                        principalTable: "lists_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lists_service_needs_lists_items_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "lists_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lists_project_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluatedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_project_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lists_project_evaluations_lists_secretary_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "lists_secretary_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lists_project_items",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_project_items", x => new { x.ProjectId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_lists_project_items_lists_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "lists_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lists_project_items_lists_secretary_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "lists_secretary_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lists_project_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lists_project_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lists_project_milestones_lists_secretary_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "lists_secretary_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_import_job_reports",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    ErrorsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_import_job_reports", x => x.JobId);
                    table.ForeignKey(
                        name: "FK_platform_import_job_reports_platform_import_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "platform_import_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_houses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: false),
                    Use = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Structure = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    AreaSquareMeters = table.Column<double>(type: "double precision", nullable: true),
                    OwnerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsRented = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_houses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_houses_registry_addresses_AddressId",
                        column: x => x.AddressId,
                        principalTable: "registry_addresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    LicenceNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContactPhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactPhoneIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_units_registry_addresses_AddressId",
                        column: x => x.AddressId,
                        principalTable: "registry_addresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_facility_faults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FacilityId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PreviousStatus = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RestoredNormal = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_facility_faults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_facility_faults_registry_facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "registry_facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_charter_amendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CharterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Discussion = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    EligibleVoters = table.Column<int>(type: "integer", nullable: true),
                    VotesFor = table.Column<int>(type: "integer", nullable: true),
                    VotesAgainst = table.Column<int>(type: "integer", nullable: true),
                    VotesAbstain = table.Column<int>(type: "integer", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_charter_amendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_charter_amendments_selfgov_charters_CharterId",
                        column: x => x.CharterId,
                        principalTable: "selfgov_charters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_charter_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CharterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AdoptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_charter_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_charter_versions_selfgov_charters_CharterId",
                        column: x => x.CharterId,
                        principalTable: "selfgov_charters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_group_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_group_activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_group_activities_selfgov_household_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "selfgov_household_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_group_households",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegistryAddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    Label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    SortKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_group_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_group_households_selfgov_household_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "selfgov_household_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_group_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DueSoonRemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OverdueRemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_group_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_group_tasks_selfgov_household_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "selfgov_household_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VenueId = table.Column<Guid>(type: "uuid", nullable: false),
                    VenueName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Minutes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_meetings_selfgov_venues_VenueId",
                        column: x => x.VenueId,
                        principalTable: "selfgov_venues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "territory_communities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_communities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_territory_communities_territory_streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "territory_streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "territory_departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_departments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_territory_departments_territory_streets_StreetId",
                        column: x => x.StreetId,
                        principalTable: "territory_streets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    UnitKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Dispatched = table.Column<int>(type: "integer", nullable: false),
                    AcceptedInTime = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    Handled = table.Column<int>(type: "integer", nullable: false),
                    HandledOnTime = table.Column<int>(type: "integer", nullable: false),
                    OpenOverdue = table.Column<int>(type: "integer", nullable: false),
                    Summoned = table.Column<int>(type: "integer", nullable: false),
                    CheckedInOnTime = table.Column<int>(type: "integer", nullable: false),
                    FeedbackDue = table.Column<int>(type: "integer", nullable: false),
                    Rated = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    Reported = table.Column<int>(type: "integer", nullable: false),
                    Discovered = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    ClosedInTier = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessment_results_assessment_months_Month",
                        column: x => x.Month,
                        principalTable: "assessment_months",
                        principalColumn: "Month",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdNumberCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IdNumberIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    IdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    PhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PhoneIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PhoneMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Sex = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ResidenceType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    HouseId = table.Column<Guid>(type: "uuid", nullable: true),
                    RelationToHouse = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TagsCipher = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TagsIndex = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MovedOutAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_people_registry_addresses_AddressId",
                        column: x => x.AddressId,
                        principalTable: "registry_addresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_registry_people_registry_houses_HouseId",
                        column: x => x.HouseId,
                        principalTable: "registry_houses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_meeting_agenda",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_meeting_agenda", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_meeting_agenda_selfgov_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "selfgov_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_selfgov_meeting_agenda_selfgov_topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "selfgov_topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_meeting_attendees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Party = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Present = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_meeting_attendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_meeting_attendees_selfgov_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "selfgov_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_resolutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CarriedOutAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_resolutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_resolutions_selfgov_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "selfgov_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "territory_grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BoundaryGeoJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_grids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_territory_grids_territory_communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "territory_communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_verification_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    VerifiedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Changes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Review = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProposedPhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProposedResidenceType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_verification_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_verification_items_registry_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "registry_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_registry_verification_items_registry_verification_campaigns~",
                        column: x => x.CampaignId,
                        principalTable: "registry_verification_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_resolution_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OwnerParty = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DueSoonRemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OverdueRemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_resolution_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_resolution_tasks_selfgov_resolutions_ResolutionId",
                        column: x => x.ResolutionId,
                        principalTable: "selfgov_resolutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selfgov_resolution_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Party = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Choice = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    VoterName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selfgov_resolution_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selfgov_resolution_votes_selfgov_resolutions_ResolutionId",
                        column: x => x.ResolutionId,
                        principalTable: "selfgov_resolutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_analytics_event_buckets_covering",
                table: "analytics_event_buckets",
                columns: new[] { "Grain", "ScopeKind", "ScopeId", "Dimension", "Measure", "Day", "Value", "Tier", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_analytics_monthly_reports_Month_ScopeKind_ScopeId",
                table: "analytics_monthly_reports",
                columns: new[] { "Month", "ScopeKind", "ScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_leader_areas_LeaderUserId_UnitKind_UnitId",
                table: "assessment_leader_areas",
                columns: new[] { "LeaderUserId", "UnitKind", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_months_RuleSetId",
                table: "assessment_months",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_results_Month_UnitKind_UnitId",
                table: "assessment_results",
                columns: new[] { "Month", "UnitKind", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_results_UnitKind_UnitId_Month",
                table: "assessment_results",
                columns: new[] { "UnitKind", "UnitId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rule_sets_Number",
                table: "assessment_rule_sets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attribution_categories_Code",
                table: "attribution_categories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attribution_categories_ParentId",
                table: "attribution_categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_attribution_routing_rules_CategoryCode",
                table: "attribution_routing_rules",
                column: "CategoryCode");

            migrationBuilder.CreateIndex(
                name: "IX_attribution_training_runs_StartedAt",
                table: "attribution_training_runs",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_agreements_DisputeId",
                table: "disputes_agreements",
                column: "DisputeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_analysis_measures_ScopeId_Month",
                table: "disputes_analysis_measures",
                columns: new[] { "ScopeId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_analysis_meetings_Month_ScopeId",
                table: "disputes_analysis_meetings",
                columns: new[] { "Month", "ScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_case_meetings_DisputeId",
                table: "disputes_case_meetings",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_CaseNumber",
                table: "disputes_cases",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_CommunityId_Status",
                table: "disputes_cases",
                columns: new[] { "CommunityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_CreatedByUserId_IdempotencyKey",
                table: "disputes_cases",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_EventId",
                table: "disputes_cases",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_ReceiverDepartmentId_Status",
                table: "disputes_cases",
                columns: new[] { "ReceiverDepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_ReceiverRoomId_Status",
                table: "disputes_cases",
                columns: new[] { "ReceiverRoomId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_ReceiverUserId_Status",
                table: "disputes_cases",
                columns: new[] { "ReceiverUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_RegistryAddressId",
                table: "disputes_cases",
                column: "RegistryAddressId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_RegistryHouseId",
                table: "disputes_cases",
                column: "RegistryHouseId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Status_CreatedAt",
                table: "disputes_cases",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_consultations_At",
                table: "disputes_consultations",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_follow_ups_DisputeId",
                table: "disputes_follow_ups",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_follow_ups_VisitedAt_DueAt",
                table: "disputes_follow_ups",
                columns: new[] { "VisitedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_overdue_flags_DisputeId",
                table: "disputes_overdue_flags",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_overdue_flags_Kind_SubjectId",
                table: "disputes_overdue_flags",
                columns: new[] { "Kind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_DisputeId",
                table: "disputes_parties",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_IdNumberIndex",
                table: "disputes_parties",
                column: "IdNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_PhoneIndex",
                table: "disputes_parties",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_RegistryPersonId",
                table: "disputes_parties",
                column: "RegistryPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_UserId",
                table: "disputes_parties",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_referrals_DisputeId",
                table: "disputes_referrals",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_rooms_LeadUserId",
                table: "disputes_rooms",
                column: "LeadUserId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_screening_risks_GridId_RecordedAt",
                table: "disputes_screening_risks",
                columns: new[] { "GridId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_screening_risks_RecordedAt_Risk",
                table: "disputes_screening_risks",
                columns: new[] { "RecordedAt", "Risk" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_screening_risks_RoundId",
                table: "disputes_screening_risks",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_screening_rounds_GridId_PeriodStart",
                table: "disputes_screening_rounds",
                columns: new[] { "GridId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_screening_rounds_PeriodStart_CommunityId",
                table: "disputes_screening_rounds",
                columns: new[] { "PeriodStart", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_sessions_DisputeId",
                table: "disputes_sessions",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_timeline_DisputeId_At",
                table: "disputes_timeline",
                columns: new[] { "DisputeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_types_Name",
                table: "disputes_types",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_typical_cases_DisputeId",
                table: "disputes_typical_cases",
                column: "DisputeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_typical_cases_Status_PublishedAt",
                table: "disputes_typical_cases",
                columns: new[] { "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_urgent_reports_CommunityId_ReportedAt",
                table: "disputes_urgent_reports",
                columns: new[] { "CommunityId", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_urgent_reports_ReportedAt",
                table: "disputes_urgent_reports",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_AddressId",
                table: "event_registry_links",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_EventId_AddressId",
                table: "event_registry_links",
                columns: new[] { "EventId", "AddressId" },
                unique: true,
                filter: "\"AddressId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_EventId_HouseId",
                table: "event_registry_links",
                columns: new[] { "EventId", "HouseId" },
                unique: true,
                filter: "\"HouseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_EventId_PersonId",
                table: "event_registry_links",
                columns: new[] { "EventId", "PersonId" },
                unique: true,
                filter: "\"PersonId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_HouseId",
                table: "event_registry_links",
                column: "HouseId");

            migrationBuilder.CreateIndex(
                name: "IX_event_registry_links_PersonId",
                table: "event_registry_links",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_events_deadline_policies_CategoryCode_Tier",
                table: "events_deadline_policies",
                columns: new[] { "CategoryCode", "Tier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_events_AssigneeKind_AssigneeId_Status",
                table: "events_events",
                columns: new[] { "AssigneeKind", "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_events_events_CreatedByUserId_IdempotencyKey",
                table: "events_events",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_events_DueAt",
                table: "events_events",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_events_events_GridId_Status",
                table: "events_events",
                columns: new[] { "GridId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_events_events_ReporterUserId_CreatedAt",
                table: "events_events",
                columns: new[] { "ReporterUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_events_ReturnedById_Status",
                table: "events_events",
                columns: new[] { "ReturnedById", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_events_events_Status_CreatedAt",
                table: "events_events",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_events_TrackingCode",
                table: "events_events",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_events_WarnAt",
                table: "events_events",
                column: "WarnAt");

            migrationBuilder.CreateIndex(
                name: "IX_events_events_WarningClaim",
                table: "events_events",
                column: "WarningClaim");

            migrationBuilder.CreateIndex(
                name: "IX_events_feedback_EventId_ClosedAt",
                table: "events_feedback",
                columns: new[] { "EventId", "ClosedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_feedback_RecordedAt",
                table: "events_feedback",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_events_intake_ExternalOrderNo",
                table: "events_intake",
                column: "ExternalOrderNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_open311_api_keys_KeyHash",
                table: "events_open311_api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_open311_submissions_Token",
                table: "events_open311_submissions",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_patrol_points_PatrolId_RecordedAt",
                table: "events_patrol_points",
                columns: new[] { "PatrolId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_patrols_GridId_StartedAt",
                table: "events_patrols",
                columns: new[] { "GridId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_patrols_GridWorkerUserId_StartedAt",
                table: "events_patrols",
                columns: new[] { "GridWorkerUserId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_summons_DepartmentId_SummonedAt",
                table: "events_summons",
                columns: new[] { "DepartmentId", "SummonedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_summons_EventId_DepartmentId",
                table: "events_summons",
                columns: new[] { "EventId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_events_supervision_notices_EventId_IssuedAt",
                table: "events_supervision_notices",
                columns: new[] { "EventId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_supervision_notices_TargetKind_TargetId_RepliedAt",
                table: "events_supervision_notices",
                columns: new[] { "TargetKind", "TargetId", "RepliedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_timeline_Action_At",
                table: "events_timeline",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_events_timeline_EventId_At",
                table: "events_timeline",
                columns: new[] { "EventId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_events_visits_GridId_VisitedAt",
                table: "events_visits",
                columns: new[] { "GridId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_visits_GridWorkerUserId_IdempotencyKey",
                table: "events_visits",
                columns: new[] { "GridWorkerUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_visits_GridWorkerUserId_VisitedAt",
                table: "events_visits",
                columns: new[] { "GridWorkerUserId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_role_claims_RoleId",
                table: "identity_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "identity_roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_claims_UserId",
                table: "identity_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_logins_UserId",
                table: "identity_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_user_roles_RoleId",
                table: "identity_user_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "identity_users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "identity_users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lists_item_timeline_ItemId_At",
                table: "lists_item_timeline",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_lists_items_Month_CommunityId_Kind_Status",
                table: "lists_items",
                columns: new[] { "Month", "CommunityId", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_lists_items_OpenedMonth_CommunityId",
                table: "lists_items",
                columns: new[] { "OpenedMonth", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_lists_items_ResidentUserId",
                table: "lists_items",
                column: "ResidentUserId");

            migrationBuilder.CreateIndex(
                name: "IX_lists_items_ResourceId",
                table: "lists_items",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_lists_items_Status_Month",
                table: "lists_items",
                columns: new[] { "Status", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_lists_project_evaluations_ProjectId_Stage",
                table: "lists_project_evaluations",
                columns: new[] { "ProjectId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lists_project_items_ItemId",
                table: "lists_project_items",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_lists_project_milestones_ProjectId",
                table: "lists_project_milestones",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_lists_publications_CommunityId_Month",
                table: "lists_publications",
                columns: new[] { "CommunityId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lists_secretary_projects_Year_CommunityId_GridId",
                table: "lists_secretary_projects",
                columns: new[] { "Year", "CommunityId", "GridId" });

            migrationBuilder.CreateIndex(
                name: "IX_lists_service_needs_NeedId",
                table: "lists_service_needs",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_Action_OccurredAt",
                table: "platform_audit_entries",
                columns: new[] { "Action", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_EntityType_EntityId",
                table: "platform_audit_entries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_OccurredAt",
                table: "platform_audit_entries",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_entries_UserName_OccurredAt",
                table: "platform_audit_entries",
                columns: new[] { "UserName", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_calendar_days_Date",
                table: "platform_calendar_days",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_import_jobs_FinishedAt_LeasedUntil",
                table: "platform_import_jobs",
                columns: new[] { "FinishedAt", "LeasedUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_import_jobs_UserId",
                table: "platform_import_jobs",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_media_OwnerKind_OwnerId",
                table: "platform_media",
                columns: new[] { "OwnerKind", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_notification_deliveries_DedupeKey",
                table: "platform_notification_deliveries",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_ClaimedBy",
                table: "platform_outbox",
                column: "ClaimedBy");

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_DedupeKey",
                table: "platform_outbox",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_ProcessedAt_NextAttemptAt",
                table: "platform_outbox",
                columns: new[] { "ProcessedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_user_notifications_OutboxMessageId_UserId",
                table: "platform_user_notifications",
                columns: new[] { "OutboxMessageId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_user_notifications_UserId_ReadAt_CreatedAt",
                table: "platform_user_notifications",
                columns: new[] { "UserId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_addresses_GridId_CommunityId",
                table: "registry_addresses",
                columns: new[] { "GridId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_addresses_Label",
                table: "registry_addresses",
                column: "Label",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_facilities_GridId_CommunityId",
                table: "registry_facilities",
                columns: new[] { "GridId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_facilities_Kind_Status",
                table: "registry_facilities",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_facility_faults_ClosedAt",
                table: "registry_facility_faults",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_registry_facility_faults_EventId",
                table: "registry_facility_faults",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_facility_faults_FacilityId_ReportedAt",
                table: "registry_facility_faults",
                columns: new[] { "FacilityId", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_houses_AddressId",
                table: "registry_houses",
                column: "AddressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_houses_GridId_CommunityId",
                table: "registry_houses",
                columns: new[] { "GridId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_AddressId",
                table: "registry_people",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_CommunityId_Name",
                table: "registry_people",
                columns: new[] { "CommunityId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_GridId_Name",
                table: "registry_people",
                columns: new[] { "GridId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_HouseId",
                table: "registry_people",
                column: "HouseId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_IdNumberIndex",
                table: "registry_people",
                column: "IdNumberIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_people_PhoneIndex",
                table: "registry_people",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_registry_roads_GridId_CommunityId",
                table: "registry_roads",
                columns: new[] { "GridId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_AddressId",
                table: "registry_units",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_ContactPhoneIndex",
                table: "registry_units",
                column: "ContactPhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_GridId_CommunityId",
                table: "registry_units",
                columns: new[] { "GridId", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_LicenceNumber",
                table: "registry_units",
                column: "LicenceNumber");

            migrationBuilder.CreateIndex(
                name: "IX_registry_verification_campaigns_CreatedAt",
                table: "registry_verification_campaigns",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_registry_verification_items_CampaignId_PersonId",
                table: "registry_verification_items",
                columns: new[] { "CampaignId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_verification_items_GridId_CampaignId_Outcome",
                table: "registry_verification_items",
                columns: new[] { "GridId", "CampaignId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_verification_items_PersonId",
                table: "registry_verification_items",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_verification_items_Review_CommunityId",
                table: "registry_verification_items",
                columns: new[] { "Review", "CommunityId" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_charter_amendments_CharterId",
                table: "selfgov_charter_amendments",
                column: "CharterId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_charter_versions_CharterId_Number",
                table: "selfgov_charter_versions",
                columns: new[] { "CharterId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_charters_CommunityId",
                table: "selfgov_charters",
                column: "CommunityId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_group_activities_GroupId",
                table: "selfgov_group_activities",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_group_households_GroupId_SortKey",
                table: "selfgov_group_households",
                columns: new[] { "GroupId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_group_tasks_GroupId",
                table: "selfgov_group_tasks",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_household_groups_CommunityId_Name",
                table: "selfgov_household_groups",
                columns: new[] { "CommunityId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meeting_agenda_MeetingId_TopicId",
                table: "selfgov_meeting_agenda",
                columns: new[] { "MeetingId", "TopicId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meeting_agenda_TopicId",
                table: "selfgov_meeting_agenda",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meeting_attendees_MeetingId",
                table: "selfgov_meeting_attendees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meetings_CommunityId_ScheduledAt",
                table: "selfgov_meetings",
                columns: new[] { "CommunityId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meetings_Status_HeldAt",
                table: "selfgov_meetings",
                columns: new[] { "Status", "HeldAt" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_meetings_VenueId",
                table: "selfgov_meetings",
                column: "VenueId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolution_tasks_ResolutionId",
                table: "selfgov_resolution_tasks",
                column: "ResolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolution_tasks_State_DueOn",
                table: "selfgov_resolution_tasks",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolution_votes_ResolutionId_Party",
                table: "selfgov_resolution_votes",
                columns: new[] { "ResolutionId", "Party" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolutions_CommunityId_PublishedAt",
                table: "selfgov_resolutions",
                columns: new[] { "CommunityId", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolutions_MeetingId",
                table: "selfgov_resolutions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_resolutions_Status_CarriedOutAt",
                table: "selfgov_resolutions",
                columns: new[] { "Status", "CarriedOutAt" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_topics_CommunityId_Status_CreatedAt",
                table: "selfgov_topics",
                columns: new[] { "CommunityId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_topics_Source_SourceRef",
                table: "selfgov_topics",
                columns: new[] { "Source", "SourceRef" });

            migrationBuilder.CreateIndex(
                name: "IX_selfgov_venues_CommunityId_Name",
                table: "selfgov_venues",
                columns: new[] { "CommunityId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_territory_communities_StreetId_Name",
                table: "territory_communities",
                columns: new[] { "StreetId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_territory_departments_StreetId_Name",
                table: "territory_departments",
                columns: new[] { "StreetId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_territory_grids_CommunityId_Name",
                table: "territory_grids",
                columns: new[] { "CommunityId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warnings_alerts_CommunityId_RaisedAt",
                table: "warnings_alerts",
                columns: new[] { "CommunityId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_alerts_Kind_RaisedAt",
                table: "warnings_alerts",
                columns: new[] { "Kind", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_alerts_OpenKey",
                table: "warnings_alerts",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warnings_alerts_ResponseDueAt_RespondedAt",
                table: "warnings_alerts",
                columns: new[] { "ResponseDueAt", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_alerts_Status_RaisedAt",
                table: "warnings_alerts",
                columns: new[] { "Status", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_event_buckets");

            migrationBuilder.DropTable(
                name: "analytics_event_deltas");

            migrationBuilder.DropTable(
                name: "analytics_monthly_reports");

            migrationBuilder.DropTable(
                name: "assessment_leader_areas");

            migrationBuilder.DropTable(
                name: "assessment_results");

            migrationBuilder.DropTable(
                name: "attribution_categories");

            migrationBuilder.DropTable(
                name: "attribution_model_state");

            migrationBuilder.DropTable(
                name: "attribution_routing_rules");

            migrationBuilder.DropTable(
                name: "attribution_training_runs");

            migrationBuilder.DropTable(
                name: "disputes_agreements");

            migrationBuilder.DropTable(
                name: "disputes_analysis_measures");

            migrationBuilder.DropTable(
                name: "disputes_analysis_meetings");

            migrationBuilder.DropTable(
                name: "disputes_case_meetings");

            migrationBuilder.DropTable(
                name: "disputes_consultations");

            migrationBuilder.DropTable(
                name: "disputes_follow_ups");

            migrationBuilder.DropTable(
                name: "disputes_overdue_flags");

            migrationBuilder.DropTable(
                name: "disputes_parties");

            migrationBuilder.DropTable(
                name: "disputes_referrals");

            migrationBuilder.DropTable(
                name: "disputes_rooms");

            migrationBuilder.DropTable(
                name: "disputes_screening_risks");

            migrationBuilder.DropTable(
                name: "disputes_sessions");

            migrationBuilder.DropTable(
                name: "disputes_timeline");

            migrationBuilder.DropTable(
                name: "disputes_types");

            migrationBuilder.DropTable(
                name: "disputes_typical_cases");

            migrationBuilder.DropTable(
                name: "disputes_urgent_reports");

            migrationBuilder.DropTable(
                name: "event_registry_links");

            migrationBuilder.DropTable(
                name: "events_deadline_policies");

            migrationBuilder.DropTable(
                name: "events_feedback");

            migrationBuilder.DropTable(
                name: "events_intake");

            migrationBuilder.DropTable(
                name: "events_open311_api_keys");

            migrationBuilder.DropTable(
                name: "events_open311_submissions");

            migrationBuilder.DropTable(
                name: "events_patrol_points");

            migrationBuilder.DropTable(
                name: "events_summons");

            migrationBuilder.DropTable(
                name: "events_supervision_notices");

            migrationBuilder.DropTable(
                name: "events_timeline");

            migrationBuilder.DropTable(
                name: "events_visits");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "lists_item_timeline");

            migrationBuilder.DropTable(
                name: "lists_project_evaluations");

            migrationBuilder.DropTable(
                name: "lists_project_items");

            migrationBuilder.DropTable(
                name: "lists_project_milestones");

            migrationBuilder.DropTable(
                name: "lists_publications");

            migrationBuilder.DropTable(
                name: "lists_service_needs");

            migrationBuilder.DropTable(
                name: "platform_audit_entries");

            migrationBuilder.DropTable(
                name: "platform_calendar_days");

            migrationBuilder.DropTable(
                name: "platform_data_protection_keys");

            migrationBuilder.DropTable(
                name: "platform_import_job_reports");

            migrationBuilder.DropTable(
                name: "platform_job_leases");

            migrationBuilder.DropTable(
                name: "platform_media");

            migrationBuilder.DropTable(
                name: "platform_notification_deliveries");

            migrationBuilder.DropTable(
                name: "platform_outbox");

            migrationBuilder.DropTable(
                name: "platform_personal_data_keys");

            migrationBuilder.DropTable(
                name: "platform_user_notifications");

            migrationBuilder.DropTable(
                name: "registry_facility_faults");

            migrationBuilder.DropTable(
                name: "registry_roads");

            migrationBuilder.DropTable(
                name: "registry_units");

            migrationBuilder.DropTable(
                name: "registry_verification_items");

            migrationBuilder.DropTable(
                name: "selfgov_charter_amendments");

            migrationBuilder.DropTable(
                name: "selfgov_charter_versions");

            migrationBuilder.DropTable(
                name: "selfgov_group_activities");

            migrationBuilder.DropTable(
                name: "selfgov_group_households");

            migrationBuilder.DropTable(
                name: "selfgov_group_tasks");

            migrationBuilder.DropTable(
                name: "selfgov_meeting_agenda");

            migrationBuilder.DropTable(
                name: "selfgov_meeting_attendees");

            migrationBuilder.DropTable(
                name: "selfgov_resolution_tasks");

            migrationBuilder.DropTable(
                name: "selfgov_resolution_votes");

            migrationBuilder.DropTable(
                name: "territory_departments");

            migrationBuilder.DropTable(
                name: "territory_grids");

            migrationBuilder.DropTable(
                name: "warnings_alerts");

            migrationBuilder.DropTable(
                name: "assessment_months");

            migrationBuilder.DropTable(
                name: "disputes_screening_rounds");

            migrationBuilder.DropTable(
                name: "disputes_cases");

            migrationBuilder.DropTable(
                name: "events_patrols");

            migrationBuilder.DropTable(
                name: "events_events");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "lists_secretary_projects");

            migrationBuilder.DropTable(
                name: "lists_items");

            migrationBuilder.DropTable(
                name: "platform_import_jobs");

            migrationBuilder.DropTable(
                name: "registry_facilities");

            migrationBuilder.DropTable(
                name: "registry_people");

            migrationBuilder.DropTable(
                name: "registry_verification_campaigns");

            migrationBuilder.DropTable(
                name: "selfgov_charters");

            migrationBuilder.DropTable(
                name: "selfgov_household_groups");

            migrationBuilder.DropTable(
                name: "selfgov_topics");

            migrationBuilder.DropTable(
                name: "selfgov_resolutions");

            migrationBuilder.DropTable(
                name: "territory_communities");

            migrationBuilder.DropTable(
                name: "assessment_rule_sets");

            migrationBuilder.DropTable(
                name: "registry_houses");

            migrationBuilder.DropTable(
                name: "selfgov_meetings");

            migrationBuilder.DropTable(
                name: "territory_streets");

            migrationBuilder.DropTable(
                name: "registry_addresses");

            migrationBuilder.DropTable(
                name: "selfgov_venues");
        }
    }
}
