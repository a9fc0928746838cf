namespace Governance.Rules.Tests.Text;

public sealed class HealthClaimsListTests
{
    private const string List = "health-claims";

    public static TheoryData<string> Claims =>
    [
        // Spanish
        "Esta crema milagrosa cura la diabetes en 30 días",
        "Nuestro té CURA EL CÁNCER de forma natural",
        "¡Adiós a la diabetes con estas cápsulas!",
        "Controla tu azúcar sin necesidad de insulina",
        "El producto milagro para bajar de peso",
        "Baja 10 kilos en una semana con nuestro batido",
        "Elimina el cáncer sin efectos secundarios",
        "Remedio natural para la diabetes, 100% efectivo",
        "Me curó la artritis en dos semanas",
        "Pastillas milagrosas para adelgazar",
        "Revierte tu diabetes tipo 2 en 21 días",
        "Adelgaza mientras duermes",
        "Come lo que quieras y adelgaza",
        "Los médicos no quieren que sepas esto",
        "En lugar de la quimioterapia, toma nuestro aceite",
        "Cura diabetes y presión alta",
        "Perdí 8 kg en solo 7 días",
        "ｃｕｒａ ｌａ ｄｉａｂｅｔｅｓ",
        "Mata las células cancerígenas en 48 horas",
        // English
        "This miracle cure reverses diabetes in 30 days",
        "Our tea cures cancer naturally",
        "No more insulin after two weeks!",
        "Lose 10 kg in a week with this powder",
        "100% natural cure for arthritis",
        "FDA approved supplement, order now",
        "Doctors hate this one simple trick",
        "It kills cancer cells in 48 hours",
        "Stop taking insulin with this herbal blend",
        "I lost 20 pounds in 10 days!!!",
        "Burn fat while you sleep",
        "Lose weight without dieting or exercise!",
        "It cured my diabetes!",
        "Reverse your type 2 diabetes today",
        "𝐦𝐢𝐫𝐚𝐜𝐥𝐞 𝐜𝐮𝐫𝐞",
    ];

    public static TheoryData<string> Ordinary =>
    [
        // Spanish: food, everyday words, disclaimers, real treatments
        "Jamón curado de bellota, 100 g",
        "Queso curado de oveja",
        "Cómo curar la carne en casa",
        "Necesito una cura de humildad",
        "Procura llegar temprano",
        "Compra segura y envío seguro",
        "El milagro de la vida",
        "Milagros es mi mejor amiga",
        "El cura del pueblo bendijo la cosecha",
        "Esta crema no cura la diabetes; consulta a tu médico",
        "No existe una pastilla milagrosa para adelgazar",
        "La quimioterapia curó mi cáncer",
        "Una dieta sana ayuda a controlar la diabetes",
        "Bajé 2 kilos en una semana",
        "Es un milagro que llegara a tiempo",
        "No dejes la insulina sin hablar con tu médico",
        "No se puede curar la diabetes con tés",
        "Tips para bajar de peso sin dieta estricta",
        "Se puede revertir la prediabetes con ejercicio",
        // English
        "The miracle of birth",
        "Cure time of the resin is 24 hours",
        "Curing the ham takes months",
        "There is no miracle cure for diabetes",
        "Scientists hope to find a cure for cancer",
        "This tea doesn't cure cancer",
        "Chemotherapy cured my cancer",
        "Don't stop taking insulin without talking to your doctor",
        "I lost 2 kg in a week",
        "It's a miracle we made it on time",
        "It's not a miracle cream, but it hydrates well",
        "The procurement team approved the budget",
        "Secure checkout",
    ];

    [Theory]
    [MemberData(nameof(Claims))]
    public void HealthClaimsAreFound(string text) => DefaultListAssert.Matches(List, text);

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void OrdinaryHealthAndFoodTextIsNot(string text) => DefaultListAssert.DoesNotMatch(List, text);
}
