using System.Reflection;
using System.Text;

namespace Midjourney.Sdk.Tests.PublicApi;

/// <summary>
/// Writes an assembly's public surface as sorted text, one declaration a line, so that any API change shows as a
/// diff of the checked-in listing in review (the role openai-dotnet's api/ folder plays).
/// </summary>
internal static class PublicApiListing
{
    private static readonly NullabilityInfoContext Nullability = new();

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Create(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeDeclaration(type)).Append('\n');
            foreach (string member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeDeclaration(Type type)
    {
        string kind = type switch
        {
            { IsEnum: true } => "enum",
            { IsInterface: true } => "interface",
            { IsValueType: true } => "struct",
            _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
            _ when IsRecord(type) => "record",
            _ => "class",
        };
        string modifiers = type switch
        {
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsInterface: false, IsAbstract: true } => "abstract ",
            { IsSealed: true, IsValueType: false, IsEnum: false } when kind != "delegate" => "sealed ",
            _ => "",
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces()
            .Where(i => i.IsPublic && !(type.BaseType?.GetInterfaces().Contains(i) ?? false) && !IsRecordPlumbing(type, i))
            .Select(Name)
            .Order(StringComparer.Ordinal));
        return $"public {modifiers}{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (ConstructorInfo ctor in type.GetConstructors(Declared).Where(IsVisible))
        {
            yield return $"{Access(ctor)}{Name(type).Split('<')[0]}({Parameters(ctor)})";
        }

        foreach (PropertyInfo property in type.GetProperties(Declared))
        {
            MethodInfo? get = property.GetMethod is { } g && IsVisible(g) ? g : null;
            MethodInfo? set = property.SetMethod is { } s && IsVisible(s) ? s : null;
            if (get is null && set is null)
            {
                continue;
            }

            MethodInfo any = get ?? set!;
            string accessors = (get is null ? "" : "get; ") + (set is null ? "" : IsInitOnly(set) ? "init; " : "set; ");
            string name = property.GetIndexParameters().Length > 0 ? $"this[{Parameters(property.GetIndexParameters())}]" : property.Name;
            string nullable = !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.Nullable ? "?" : "";
            yield return $"{Access(any)}{Static(any)}{Name(property.PropertyType)}{nullable} {name} {{ {accessors}}}";
        }

        foreach (MethodInfo method in type.GetMethods(Declared).Where(m => IsVisible(m) && !m.IsSpecialName))
        {
            if (IsRecord(type) && method.Name is "<Clone>$" or "Equals" or "GetHashCode" or "op_Equality" or "op_Inequality" or "Deconstruct")
            {
                continue;
            }

            string generic = method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";
            string ext = method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)) ? "this " : "";
            string nullable = !method.ReturnType.IsValueType && method.ReturnType != typeof(void)
                && Nullability.Create(method.ReturnParameter).ReadState == NullabilityState.Nullable ? "?" : "";
            yield return $"{Access(method)}{Static(method)}{Name(method.ReturnType)}{nullable} {method.Name}{generic}({ext}{Parameters(method)})";
        }

        foreach (FieldInfo field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily))
        {
            string constant = field.IsLiteral ? $" = \"{field.GetRawConstantValue()}\"" : "";
            yield return $"{(field.IsLiteral ? "public const " : "public static readonly ")}{Name(field.FieldType)} {field.Name}{constant}";
        }

        foreach (EventInfo e in type.GetEvents(Declared))
        {
            yield return $"public event {Name(e.EventHandlerType!)} {e.Name}";
        }
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Static(MethodBase method) => method switch
    {
        { IsStatic: true } => "static ",
        { DeclaringType.IsInterface: true } => "",
        { IsAbstract: true } => "abstract ",
        MethodInfo m when m.GetBaseDefinition() != m => "override ",
        { IsVirtual: true, IsFinal: false } => "virtual ",
        _ => "",
    };

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", Declared) is not null;

    private static bool IsRecordPlumbing(Type type, Type iface) =>
        IsRecord(type) && iface.IsGenericType && iface.GetGenericTypeDefinition() == typeof(IEquatable<>);

    private static string Parameters(MethodBase method) => Parameters(method.GetParameters());

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
    {
        string type = p.ParameterType.IsByRef ? (p.IsOut ? "out " : "ref ") + Name(p.ParameterType.GetElementType()!) : Name(p.ParameterType);
        string nullable = IsNullableReference(p) ? "?" : "";
        string defaultValue = !p.HasDefaultValue ? "" : " = " + p.DefaultValue switch
        {
            null when p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null => "default",
            null => "null",
            string s => $"\"{s}\"",
            object value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"{type}{nullable} {p.Name}{defaultValue}";
    }));

    private static bool IsNullableReference(ParameterInfo parameter) =>
        !parameter.ParameterType.IsValueType && Nullability.Create(parameter).ReadState == NullabilityState.Nullable;

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
        {
            return name;
        }

        return name.Split('`')[0] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
