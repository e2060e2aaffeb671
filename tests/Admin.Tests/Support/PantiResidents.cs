using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>Residents of the fixture's homes, written straight into its database.</summary>
public static class PantiResidents
{
    /// <summary>A resident terminated two days ago, plan completed and evaluation done, with a named guardian.</summary>
    public static async Task<long> TerminatedResidentAsync(this AppFixture app, string home, string nik, string name, string guardian)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var resident = new Resident
        {
            HomeCode = home, Nik = nik, Name = name, Sex = "L", BirthDate = new DateOnly(2007, 5, 14), Category = "anak",
            AdmittedOn = new DateOnly(2022, 1, 10), OriginAddress = "Desa Naibonat, Kupang Timur", GuardianName = guardian, GuardianRelation = "ayah",
            Stage = RehabilitationStages.Termination, StageSince = today.AddDays(-2), PlanCompleted = true, EvaluationDone = true,
            UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "test",
        };
        db.Residents.Add(resident);
        await db.SaveChangesAsync();
        return resident.Id;
    }
}
