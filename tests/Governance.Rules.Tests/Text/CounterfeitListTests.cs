namespace Governance.Rules.Tests.Text;

public sealed class CounterfeitListTests
{
    private const string List = "counterfeit";

    public static TheoryData<string> Counterfeits =>
    [
        // Spanish
        "Réplica AAA de Rolex, envío gratis",
        "Bolso Gucci réplica exacta",
        "Tenis Nike calidad 1:1",
        "Clon 1:1 del iPhone 15",
        "Imitación de Louis Vuitton",
        "Copia idéntica al original",
        "Calidad espejo, igual al original",
        "Relojes réplica de alta calidad",
        "Tenis AAA importados",
        "Productos piratas al mayoreo",
        "Súper fake, nadie lo nota",
        "Primera calidad AAA",
        "Rolex falso pero funciona",
        "Réplica triple A de Adidas",
        "Gafas Ray-Ban 1:1",
        "Réplica Air Jordan 1",
        // English
        "Replica watches, AAA grade",
        "Mirror quality Louis Vuitton bags",
        "Super fake Yeezys in stock",
        "1:1 replica sneakers",
        "Top quality replica handbags",
        "Fake AirPods for sale",
        "ＲＥＰＬＩＣＡ ＡＡＡ",
    ];

    public static TheoryData<string> Ordinary =>
    [
        // Spanish
        "Tengo derecho a réplica",
        "La réplica de la conversación fue grosera",
        "Hubo una réplica del sismo a las 3 am",
        "Réplica exacta a escala del Titanic",
        "Bolso de piel de imitación, color negro",
        "Joyería de imitación para fiestas",
        "Hizo una imitación de Shakira",
        "Haz una copia de seguridad del iPhone",
        "Pilas AAA recargables",
        "Reunión 1:1 con el equipo",
        "Pulido calidad espejo para autos",
        "Cómo identificar un Rolex falso",
        "Camiseta réplica oficial del Real Madrid",
        "Carne calidad AAA",
        "Juegos AAA para PS5",
        "Lentes de sol con espejo",
        // English
        "Official replica jersey of Real Madrid",
        "How to spot a fake Rolex",
        "Real vs fake Jordan 1",
        "Scale replica of the Eiffel Tower",
        "Maison Margiela Replica Jazz Club perfume",
        "1:1 coaching sessions",
        "Mirror finish stainless steel",
        "AAA batteries included",
        "Clone your drive 1:1",
    ];

    [Theory]
    [MemberData(nameof(Counterfeits))]
    public void CounterfeitOffersAreFound(string text) => DefaultListAssert.Matches(List, text);

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void ReplicasCopiesAndGradesInOrdinaryTextAreNot(string text) => DefaultListAssert.DoesNotMatch(List, text);
}
