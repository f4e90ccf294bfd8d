using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Wechat.Host.Tests.Architecture;

/// <summary>
/// The areas of Wechat.Host (Counter, H5, Pages, Security, Unit, Withdrawals, …: the namespace segment after
/// Wechat.Host) depend on each other one way only, so each can be read, moved or split without the others. The root
/// namespace (the composition root: HostExtensions, CliVerbs) may use every area; no area may use it back.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = "Wechat.Host";

    [Fact]
    public void NoTwoAreasOfTheHostDependOnEachOther()
    {
        var graph = AreaGraph(typeof(global::Wechat.Host.HostExtensions).Assembly.Location);
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal))).ToList();
        Assert.True(cycles.Count == 0, "Namespace cycles in Wechat.Host: " + string.Join("; ", cycles) + Explain(graph, cycles));
    }

    [Fact]
    public void TheCheckFindsACycleWhenThereIsOne()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A", "B", "C"], Assert.Single(StronglyConnected(graph), c => c.Count > 1).Order(StringComparer.Ordinal));
    }

    /// <summary>Area → areas its types use (signatures, bodies, attributes), from the compiled assembly.</summary>
    private static Dictionary<string, HashSet<string>> AreaGraph(string path)
    {
        using var module = ModuleDefinition.ReadModule(path);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = AreaOf(type);
            if (from is null) continue;
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in Referenced(type))
                if (AreaOf(used) is { } to && to != from) uses.Add(to);
        }
        return graph;
    }

    /// <summary>The area of a type of ours (nested and compiler-made types count as the type they sit in), or null.</summary>
    private static string? AreaOf(TypeReference? type)
    {
        while (type is { DeclaringType: not null }) type = type.DeclaringType;
        if (type is null) return null;
        var ns = type.Namespace;
        if (ns == Root) return "(root)";
        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is { } b) foreach (var t in Expand(b)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var f in type.Fields) foreach (var t in Expand(f.FieldType)) yield return t;
        foreach (var p in type.Properties) foreach (var t in Expand(p.PropertyType)) yield return t;
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return t;
            foreach (var p in m.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        foreach (var e in Expand(t)) yield return e;
                        break;
                    case MethodReference mr:
                        foreach (var e in Expand(mr.DeclaringType)) yield return e;
                        foreach (var e in Expand(mr.ReturnType)) yield return e;
                        if (mr is GenericInstanceMethod g) foreach (var arg in g.GenericArguments) foreach (var e in Expand(arg)) yield return e;
                        break;
                    case FieldReference fr:
                        foreach (var e in Expand(fr.DeclaringType)) yield return e;
                        break;
                }
            }
        }
    }

    /// <summary>A type and the types inside it: arrays, generic arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type.GetElementType();
        if (type is GenericInstanceType g)
            foreach (var arg in g.GenericArguments) foreach (var e in Expand(arg)) yield return e;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (var v in graph.Keys.Concat(graph.Values.SelectMany(s => s)).Distinct().ToList())
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    private static string Explain(Dictionary<string, HashSet<string>> graph, List<string> cycles) =>
        cycles.Count == 0 ? "" : "\nEdges: " + string.Join("; ", graph.Select(kv => kv.Key + " → " + string.Join(",", kv.Value.Order())));
}
