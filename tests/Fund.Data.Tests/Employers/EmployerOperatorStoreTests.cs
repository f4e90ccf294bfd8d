using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;

namespace Fund.Data.Tests.Employers;

[Collection(DataCollection.Name)]
public class EmployerOperatorStoreTests(DataFixture fx)
{
    /// <summary>
    /// Clerks registering 专管员 at the same moment (a CI run found it: test classes setting up their operators at
    /// once). Each save looks for the person under the unique (单位, ID index) key with a locking read, which on a key
    /// not there yet locks the gap where it would go; two such saves then each wait for the other's gap to insert, and
    /// MariaDB rolls one back as a deadlock's victim. Every save must still be saved, once, with its audit line.
    /// </summary>
    [Fact]
    public async Task OperatorsRegisteredAtTheSameMomentAreAllSavedEachWithItsAuditLine()
    {
        var operators = fx.Get<EmployerOperatorStore>();
        var hash = new PasswordHasher<string>().HashPassword("x", "Unit@2026");
        var people = Enumerable.Range(0, 16).Select(_ => (Dwzh: TestEmployers.NewDwzh(), Id: TestEmployers.NewIdNumber())).ToList();
        foreach (var (dwzh, _) in people)
            await fx.Get<MySqlAccountStore>().UpsertEmployerAsync(new Employer(dwzh, "并发测试单位" + dwzh[^5..], "91411500MA4TEST001",
                AccountStatus.Normal, 0.12m, 0.12m), default);
        foreach (var round in Enumerable.Range(0, 5))
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var saves = people.Select(async p =>
            {
                await start.Task;
                return await operators.UpsertAsync(p.Dwzh, "并发专管员" + round, p.Id, hash, "staff:test", default);
            }).ToList();
            start.SetResult();
            var ids = await Task.WhenAll(saves);

            Assert.Equal(people.Count, ids.Distinct().Count());
            foreach (var (person, id) in people.Zip(ids))
            {
                Assert.Equal(id, (await operators.FindAsync(person.Dwzh, person.Id, default))!.Id);
                var audit = await fx.Get<AuditTrail>().ForTargetAsync(EmployerOperatorStore.Target(id), default);
                Assert.Equal(round + 1, audit.Count(a => a.Action == "operator.save"));
            }
        }
    }
}
