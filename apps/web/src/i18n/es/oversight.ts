import type { oversight as en } from '../en/oversight';

/** Paneles, administración de usuarios y agencias, y registro de auditoría, en español. */
export const oversight: typeof en = {
  oversight: {
    dashboard: {
      title: 'Panel', views: 'Vistas', agency: 'Mi agencia', taskForce: 'Grupo de trabajo', period: 'Período',
      fiscalYears: 'Años fiscales federales', quarters: 'Trimestres naturales', months: 'Meses naturales',
      fiscalYear: 'Año fiscal {{year}} (octubre de {{previous}} a septiembre de {{year}})', quarter: 'De {{first}} a {{last}} de {{year}}',
      from: 'Desde', to: 'Hasta', show: 'Mostrar', badDays: 'Escriba dos días, el primero igual o anterior al segundo.',
      agencyIntro: 'Cifras exactas de su agencia del {{from}} al {{to}}. Las cifras de lo abierto ahora son de hoy. Cada cifra abre la lista que hay detrás, cuando la hay.',
      taskForceIntro: 'Cifras de todo el grupo de trabajo para {{period}}. Una cifra menor que {{threshold}} se lee «menos de {{threshold}}», incluido el cero; «reservada» oculta una cifra que delataría otra. Las cifras del grupo se publican al terminar un período y no cambian.',
      closedOnly: 'La vista del grupo de trabajo cubre solo un mes natural, un trimestre natural o un año fiscal federal ya terminados.',
      stocksAsOf: 'Las cifras de lo abierto ahora (casos, servicios, derivaciones en espera, plazos, cargos) se tomaron el {{date}}.',
      stocksNotTaken: 'Aún no se han tomado las cifras de lo abierto ahora para este período.',
      loading: 'Cargando las cifras…',
    },
    indicator: {
      leadsBySourceAndMonth: { name: 'Pistas por origen y mes', description: 'Pistas recibidas en el período, por origen y mes.' },
      leadConversion: { name: 'Pistas que se convirtieron en casos', description: 'Pistas recibidas en el período y si se convirtieron en casos.' },
      openCasesByStatus: { name: 'Casos abiertos por estado', description: 'Casos abiertos ahora, por estado.' },
      openCasesByType: { name: 'Casos abiertos por tipo', description: 'Casos abiertos ahora, por tipo de trata.' },
      openCasesByVenue: { name: 'Casos abiertos por ámbito', description: 'Casos abiertos ahora, por ámbito o sector (tipología de Polaris).' },
      openCasesByCounty: { name: 'Casos abiertos por condado', description: 'Casos abiertos ahora, por condado; un caso en dos condados cuenta en cada uno.' },
      victimsIdentifiedByMonth: { name: 'Víctimas identificadas', description: 'Víctimas identificadas en el período, por mes, menor o adulta, y tipo de trata.' },
      servicesByCategoryAndStatus: { name: 'Servicios por categoría y estado', description: 'Servicios de las víctimas a cargo, por categoría y estado.' },
      referralsAnswerPending: { name: 'Derivaciones en espera de respuesta', description: 'Derivaciones que esperan respuesta ahora, y las que pasaron su plazo.' },
      referralsAnswered: { name: 'Derivaciones respondidas', description: 'Derivaciones enviadas en el período y respondidas.' },
      deadlines: { name: 'Plazos legales', description: 'Plazos legales vencidos, y los que vencen en treinta días.' },
      chargesByDisposition: { name: 'Cargos por resolución', description: 'Cargos registrados, por resolución.' },
      caseloadPerInvestigator: { name: 'Casos por investigador/a', description: 'Casos abiertos asignados a cada investigador/a de su agencia.' },
    },
    keys: {
      PROMOTED: 'Se convirtió en caso', NOT_PROMOTED: 'No es un caso', NOT_RECORDED: 'Sin registrar', 'Not recorded': 'Sin registrar', 'Other counties': 'Otros condados',
      PENDING: 'En espera, dentro del plazo', OVERDUE: 'Fuera de plazo', ANSWERED: 'Respondidas', DUE_WITHIN_30_DAYS: 'Vencen en treinta días',
    },
    victimGroup: { MINOR: 'Menor', ADULT: 'Adulta', label: '{{age}}, {{type}}' },
    serviceCategory: {
      CHILDCARE: 'Cuidado infantil', CHILD_WELFARE_REFERRAL: 'Derivación a protección infantil (DFS)', CRIME_VICTIMS_COMPENSATION: 'Compensación a víctimas de delitos',
      CRIMINAL_JUSTICE_ACCOMPANIMENT: 'Acompañamiento en el proceso penal', CRISIS_INTERVENTION: 'Intervención en crisis', DENTAL: 'Dental', EDUCATION: 'Educación',
      EMERGENCY_SHELTER: 'Refugio de emergencia', EMPLOYMENT_AND_TRAINING: 'Empleo y formación', FOOD_AND_BASIC_NEEDS: 'Alimentos y necesidades básicas', HOUSING: 'Vivienda',
      IMMIGRATION_RELIEF: 'Alivio migratorio', INTENSIVE_CASE_MANAGEMENT: 'Gestión intensiva del caso', INTERPRETATION: 'Interpretación', LEGAL_ADVOCACY: 'Asesoría legal',
      MEDICAL: 'Atención médica', MENTAL_HEALTH: 'Salud mental', SUBSTANCE_USE_TREATMENT: 'Tratamiento por consumo de sustancias', TRANSPORTATION: 'Transporte',
    },
    serviceStatus: { DECLINED: 'Rechazado', IN_PROGRESS: 'En curso', PROVIDED: 'Prestado', REQUESTED: 'Solicitado', UNAVAILABLE: 'No disponible' },
    cell: { fewerThan: 'menos de {{threshold}}', withheld: 'reservada', notShown: 'no se muestra' },
    table: { count: 'Cifra', month: 'Mes', key: 'Categoría', total: 'Total', of: 'Tabla: {{name}}', openList: '{{label}}: {{count}}, abrir la lista' },
    chart: { of: 'Gráfico: {{name}} (la tabla contigua tiene todas las cifras)', nothingToDraw: 'Ninguna cifra es lo bastante grande para dibujarla; la tabla dice qué es cada una.', empty: 'No se contó nada en este período.' },
    median: {
      label: 'Tiempo mediano de respuesta', notShown: 'no se muestra (muy pocas derivaciones respondidas)', none: 'ninguna derivación respondida en el período',
      minutes_one: 'alrededor de {{count}} minuto', minutes_other: 'alrededor de {{count}} minutos', hours_one: 'alrededor de {{count}} hora', hours_other: 'alrededor de {{count}} horas',
      days_one: 'alrededor de {{count}} día', days_other: 'alrededor de {{count}} días',
    },
  },
};
