namespace Governance.SampleData.Simulation;

/// <summary>
/// What creators and viewers write, in English and Spanish. Honest text includes the everyday words
/// that resemble policy terms ("jamón curado", "cuidado de la piel", "pilas AAA"); abusive text is
/// written the way such posts are written, not from the rule pack's term lists.
/// </summary>
internal static class Texts
{
    public const int Categories = 6;

    /// <summary>Product names per category (fashion, beauty, food, home, electronics, wellness).</summary>
    public static readonly string[][] ProductsEn =
    [
        ["linen shirt", "high-waist jeans", "leather belt", "canvas tote bag", "wool beanie", "running sneakers", "silk scarf"],
        ["vitamin C serum", "hydrating face cream", "matte lipstick", "sunscreen SPF 50", "hair oil", "lash serum", "clay mask"],
        ["cured ham", "aged cheese board", "single-origin coffee", "hot sauce trio", "dark chocolate bar", "olive oil tin", "granola"],
        ["ceramic mug set", "linen bedsheets", "scented candle", "cast iron pan", "storage baskets", "desk lamp", "throw blanket"],
        ["wireless earbuds", "phone case", "USB-C charger", "ring light", "mechanical keyboard", "AAA rechargeable batteries", "smart plug"],
        ["chamomile tea", "yoga mat", "protein powder", "magnesium supplement", "foam roller", "resistance bands", "herbal tea blend"],
    ];

    public static readonly string[][] ProductsEs =
    [
        ["camisa de lino", "jeans de tiro alto", "cinturón de piel", "bolsa de lona", "gorro de lana", "tenis para correr", "pañuelo de seda"],
        ["sérum de vitamina C", "crema hidratante", "labial mate", "protector solar FPS 50", "aceite para el cabello", "sérum de pestañas", "mascarilla de arcilla"],
        ["jamón curado", "queso curado de oveja", "café de origen", "salsa picante", "chocolate amargo", "aceite de oliva", "granola casera"],
        ["juego de tazas", "sábanas de lino", "vela aromática", "sartén de hierro", "cestas organizadoras", "lámpara de escritorio", "manta de sofá"],
        ["audífonos inalámbricos", "funda para celular", "cargador USB-C", "aro de luz", "teclado mecánico", "pilas AAA recargables", "enchufe inteligente"],
        ["té de manzanilla", "tapete de yoga", "proteína en polvo", "suplemento de magnesio", "rodillo de espuma", "bandas elásticas", "infusión de hierbas"],
    ];

    public static readonly string[] CaptionsEn =
    [
        "New drop: {0} is live, link in bio", "Unboxing the {0} you asked about", "Honest review of the {0} after 30 days",
        "Restocked! {0} back in all sizes", "How I use the {0} every day", "Behind the scenes: packing today's orders",
        "Q&A about the {0}, ask me anything", "Weekend sale: 15% off the {0}", "Shipping to all 50 states, secure checkout in the app",
        "Thank you for 10k followers!", "3 ways to style the {0}", "Our {0} is back, limited stock",
    ];

    public static readonly string[] CaptionsEs =
    [
        "Ya disponible: {0}, enlace en la bio", "Abriendo el pedido: {0}", "Reseña honesta: {0} después de 30 días",
        "Reponemos stock de {0}", "Cómo uso {0} todos los días", "Detrás de cámaras empacando los pedidos de hoy",
        "Preguntas y respuestas sobre {0}", "Oferta de fin de semana: 15 % en {0}", "Envíos a todo el país, pago seguro en la app",
        "¡Gracias por los 10 mil seguidores!", "Tres formas de combinar {0}", "Volvió {0}, pocas unidades",
    ];

    public static readonly string[] CommentsEn =
    [
        "how much??", "does it ship to Texas?", "love it!!", "what size should I get", "just ordered 🙌", "is this the miracle cream from tiktok?",
        "restock the blue one pls", "does it cure acne lol", "hi from Chicago", "link?", "my order arrived, so cute", "price?",
    ];

    public static readonly string[] CommentsEs =
    [
        "¿precio?", "¿hacen envíos a Monterrey?", "me encanta", "¿qué talla me recomiendas?", "ya lo pedí 🙌", "¿eso cura la gastritis?",
        "saludos desde Bogotá", "¿tienen en negro?", "llegó mi pedido, hermoso", "¿link?", "cuidado que se agota", "¿aceptan pago contra entrega?",
    ];

    /// <summary>Honest text with words that resemble policy terms, per category (a ham shop says "curado", a phone shop "copia de seguridad").</summary>
    public static readonly string[][] NearMissEn =
    [
        ["How to spot a fake Rolex: 5 tips from a watchmaker", "Replica jerseys? No: official team kits only", "Real vs fake Jordans: what to look for"],
        ["This serum is not a miracle cure, but it helps my skin", "Skincare routine: how I take care of dry skin in winter", "There is no miracle cream: sunscreen every day"],
        ["Cured ham and aged cheese board for the holidays", "Curing the ham takes 24 months", "AAA grade beef from our farm"],
        ["Resin cure time is 24 hours, be patient!", "Mirror finish stainless steel tumbler", "Scale replica of the Titanic, 1:400 kit"],
        ["AAA rechargeable batteries, 8-pack", "Back up your iPhone before updating", "Pay securely at checkout in the app, we never ask for transfers"],
        ["The miracle of life: our daughter turns one", "Walking 30 minutes a day helps manage blood pressure", "Ask your doctor before stopping any medicine"],
    ];

    public static readonly string[][] NearMissEs =
    [
        ["Cuidado con las imitaciones: compra solo en la tienda oficial", "Cómo detectar un Rolex falso: 5 consejos", "Derecho a réplica: respondemos a los comentarios"],
        ["Rutina de cuidado de la piel para piel grasa", "No existe una crema milagro: constancia y protector solar", "Cuidado facial en casa, paso a paso"],
        ["Jamón curado de bellota, 36 meses de curación", "Queso curado de oveja, edición limitada", "Carne calidad AAA de nuestro rancho"],
        ["Réplica a escala del Titanic para armar", "Curado perfecto en 48 horas: la resina queda como espejo", "Acabado espejo en acero inoxidable"],
        ["Pilas AAA recargables, paquete de 8", "Haz una copia de seguridad de tu iPhone antes de actualizar", "Pago seguro dentro de la app, nunca pedimos transferencias"],
        ["El milagro de la vida: nuestra hija cumple un año", "Caminar 30 minutos al día ayuda a controlar la presión", "Consulta a tu médico antes de dejar cualquier medicamento"],
    ];

    public static readonly string[] HealthClaimsEn =
    [
        "This tea cures diabetes, throw away your insulin", "Miracle cream that reverses psoriasis in days",
        "Lost 10 kg in 2 weeks without diet or exercise 💪", "Natural cure for cancer doctors don't want you to know about",
        "Our drops shrink tumors naturally", "Heal your arthritis for good with this turmeric blend",
        "Say goodbye to blood pressure pills with our detox tea", "This supplement cured my mom's diabetes, no more metformin",
    ];

    public static readonly string[] HealthClaimsEs =
    [
        "Este té cura la diabetes en 30 días, ¡adiós a la insulina!", "Remedio natural contra el cáncer, 100 % natural",
        "Con estas gotas bajé 8 kilos en una semana sin dieta", "Crema milagrosa que elimina la psoriasis para siempre",
        "Suplemento que revierte la artritis: lo que los médicos no te dicen", "Deja la metformina con nuestro jarabe de nopal",
        "Sana tu hígado graso y olvídate del colesterol con esta infusión", "Cápsulas de guanábana que matan las células cancerígenas",
    ];

    public static readonly string[] CounterfeitEn =
    [
        "Rolex Submariner replica, mirror quality, box included", "1:1 Gucci bag, high quality replica", "AirPods Pro super fake, identical to original",
        "AAA grade Louis Vuitton wallet, same as store", "Designer inspired bag, looks just like the Chanel", "Yeezy 350 replicas, best quality, all sizes",
    ];

    public static readonly string[] CounterfeitEs =
    [
        "Réplica AAA Rolex Submariner, calidad espejo", "Bolso Louis Vuitton clon 1:1 idéntico al original", "Tenis Nike Air Jordan réplica triple A",
        "Lentes Ray-Ban copia exacta del original, precio de remate", "Cartera estilo Gucci, nadie nota la diferencia", "Reloj Cartier imitación de primera calidad",
    ];

    public static readonly string[] OffPlatformEn =
    [
        "Pay me directly on Zelle to skip the app fees", "DM me, I accept Venmo and CashApp, cheaper than checkout",
        "Send payment to my PayPal friends and family and I ship today", "Direct bank transfer gets you 10% off, message me",
    ];

    public static readonly string[] OffPlatformEs =
    [
        "Págame por fuera y te hago 10 % de descuento, te paso mi CLABE", "Transferencia directa a mi cuenta para evitar la comisión de la app",
        "Pago por Nequi o Bizum, escríbeme al privado", "Deposítame en OXXO y te lo envío hoy mismo",
    ];

    public static readonly string[] DiscountEn = ["Flash sale! {0}% off today only", "Huge discount: {0}% off", "Black Friday early: save {0}%"];

    public static readonly string[] DiscountEs = ["¡Oferta relámpago! {0} % de descuento solo hoy", "Descuentazo: {0} % menos", "Adelanto de Buen Fin: ahorra {0} %"];

    public static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
