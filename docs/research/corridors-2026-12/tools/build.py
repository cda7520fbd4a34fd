#!/usr/bin/env python3
"""Builds the staging CSVs for the c16 corridor additions.
Every derived number is computed here and printed into NOTES/derivations.txt.
Nothing here touches /work/main."""
import csv, io, math, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from geo import gc

OUT = '/work/staging/corridors'
HDR = {
 'locations': 'id,name,aliases,country,lat,lon,kind,disruption_probability,sources',
 'links': 'id,from,to,mode,gauge_mm,km,speed_kmh,hours,wait_hours_min,wait_hours_mode,wait_hours_max,handling,tariff_usd_per_tkm,tariff_usd_per_teu,fixed_usd,capacity_tpy,capacity_teu_py,emission_class,countries,chokepoints,closed_months,oneway,sources',
 'borders': 'from,to,fee_usd,fee_usd_per_teu,fee_usd_per_t,hours_min,hours_mode,hours_max,sources',
 'transfers': 'location,from_layer,to_layer,handling,usd_per_t,usd_per_teu,fixed_usd,hours_min,hours_mode,hours_max,sources',
 'countries': 'iso2,name,disruption_probability,sources',
 'corridors': 'id,name,via_any,require_countries,forbid_countries,forbid_locations,description',
 'distributions': 'target,months,kind,value,min,mode,max,median,p90,values,sources',
 'sources': 'id,title,publisher,url,date,reliability,note',
}
DER = []  # derivation log
def log(s): DER.append(s)

def r1(x): return round(x, 1)
def r0(x): return int(round(x))

# ---------------------------------------------------------------- locations
# (id, name, aliases, country, lat, lon, kind, coord_source)
U, W, G = 'unlocode2024', 'wpi_pub150', 'c16_coords_general'
LOC = [
 ('RUMOW', 'Moscow', 'Moskva|Москва', 'RU', 55.75, 37.6, 'city', U),
 ('BYMSQ', 'Minsk', 'Мінск|Минск', 'BY', 53.9, 27.5667, 'junction', U),
 ('BYBQT', 'Brest (BY-PL border, gauge-change hub)', 'Brest-Tsentralny|Brest-Severny|Брэст|Брест|Brześć', 'BY', 52.0938, 23.6852, 'border_crossing', U),
 ('PLMAA', 'Małaszewicze (PL-BY border, gauge-change terminals)', 'Malaszewicze|Terespol|Małaszewicze Reloading Area|Малашевичи', 'PL', 52.0333, 23.5167, 'border_crossing', U),
 ('PLWAW', 'Warsaw', 'Warszawa|Warszawa Zachodnia|Варшава', 'PL', 52.25, 21.0, 'junction', U),
 ('PLGDN', 'Gdańsk', 'Gdansk|Danzig|DCT Gdańsk', 'PL', 54.35, 18.6667, 'seaport', W),
 ('LVRIX', 'Riga', 'Rīga|Рига', 'LV', 56.95, 24.1, 'seaport', W),
 ('BEANR', 'Antwerp', 'Antwerpen|Anvers|Port of Antwerp-Bruges', 'BE', 51.2167, 4.4, 'seaport', W),
 ('ATVIE', 'Vienna', 'Wien|Вена', 'AT', 48.2, 16.3667, 'rail_terminal', U),
 ('ITGOA', 'Genoa', 'Genova', 'IT', 44.398, 8.922, 'seaport', W),
 ('IRTBZ', 'Tabriz', 'Tebriz|تبریز', 'IR', 38.1364, 46.2434, 'junction', U),
 ('IR-RAZI', 'Razi (IR-TR border station)', 'رازی', 'IR', 38.51, 44.38, 'border_crossing', G),
 ('TRKPY', 'Kapıköy (TR-IR border station)', 'Kapikoy', 'TR', 38.5, 44.3, 'border_crossing', U),
 ('TRVAN', 'Van (Van İskele train-ferry pier)', 'Van Iskele|Van Gölü feribot', 'TR', 38.4682, 43.3313, 'rail_terminal', U),
 ('TR-TATVAN', 'Tatvan (Tatvan İskele train-ferry pier)', 'Tatvan Iskele', 'TR', 38.50, 42.28, 'rail_terminal', G),
 ('TRANK', 'Ankara', 'Анкара', 'TR', 39.9199, 32.8543, 'junction', U),
 ('UZ-SAMARKAND', 'Samarkand', 'Samarqand|Самарканд|Marakand', 'UZ', 39.65, 66.96, 'junction', G),
 ('UZ-BUKHARA', 'Bukhara (Kagan junction)', 'Buxoro|Бухара|Kogon|Каган', 'UZ', 39.72, 64.55, 'junction', G),
 ('UZKSQ', 'Karshi', 'Qarshi|Карши', 'UZ', 38.85, 65.7833, 'junction', U),
 ('UZTER', 'Termez (Galaba border station)', 'Termiz|Термез|Galaba|Галаба', 'UZ', 37.2167, 67.2667, 'border_crossing', U),
 ('UZ-ANDIJAN', 'Andijan', 'Andijon|Андижан', 'UZ', 40.78, 72.34, 'junction', G),
 ('TMFAR', 'Farap (TM-UZ border station)', 'Фарап|Khodzhadavlet (UZ side)|Ходжадавлет|Alat (UZ)', 'TM', 39.1667, 63.6, 'border_crossing', U),
 ('TMTK5', 'Turkmenabat', 'Türkmenabat|Chardzhou|Чарджоу', 'TM', 39.1, 63.5667, 'junction', U),
 ('TMTEJ', 'Tejen', 'Tedzhen|Теджен', 'TM', 37.3667, 60.4833, 'junction', U),
 ('IR-SARAKHS', 'Sarakhs (IR-TM border, gauge-change station)', 'Serakhs|Saragt (TM side)|سرخس', 'IR', 36.54, 61.16, 'border_crossing', G),
 ('IR-MASHHAD', 'Mashhad', 'Meshed|مشهد', 'IR', 36.30, 59.60, 'junction', G),
 ('CN-KASHGAR', 'Kashgar', 'Kashi|喀什', 'CN', 39.47, 75.99, 'rail_terminal', G),
 ('AF-HAIRATAN', 'Hairatan (AF-UZ border, Friendship Bridge)', 'Hayratan|Хайратон', 'AF', 37.23, 67.42, 'border_crossing', G),
 ('AF-MAZAR', 'Mazar-i-Sharif (Naibabad rail terminal)', 'Mazar-e Sharif|Naibabad|Мазари-Шариф', 'AF', 36.71, 67.11, 'rail_terminal', G),
 ('PKPEW', 'Peshawar', 'پشاور', 'PK', 33.9911, 71.5157, 'city', U),
 ('PKKHI', 'Karachi', 'کراچی|Karachi Port', 'PK', 24.7833, 66.9833, 'seaport', W),
 ('PKGWD', 'Gwadar', 'گوادر', 'PK', 25.1333, 62.3, 'seaport', W),
 ('RUASF', 'Astrakhan port (incl. Solyanka)', 'Астрахань|Solyanka|Солянка', 'RU', 46.3498, 48.0326, 'seaport', U),
 ('RUMCX', 'Makhachkala port', 'Махачкала', 'RU', 42.9667, 47.5, 'seaport', U),
 ('IR-ANZALI', 'Bandar Anzali', 'Enzeli|Anzali Free Zone|Caspian port|بندر انزلی', 'IR', 37.47, 49.46, 'seaport', G),
 ('IRAMD', 'Bandar Amirabad', 'Amirabad|امیرآباد', 'IR', 36.7833, 53.35, 'seaport', U),
 ('IR-RASHT', 'Rasht', 'رشت', 'IR', 37.28, 49.58, 'junction', G),
 ('IR-QAZVIN', 'Qazvin', 'Kazvin|قزوین', 'IR', 36.27, 50.00, 'junction', G),
 ('IR-ASTARA', 'Astara (IR) ADY rail-road terminal', 'Astara terminal|آستارا', 'IR', 38.42, 48.87, 'rail_terminal', G),
 ('IRZBR', 'Chabahar (Shahid Beheshti)', 'Chah Bahar|چابهار', 'IR', 25.2667, 60.6167, 'seaport', W),
 ('INNSA', 'Nhava Sheva (JNPA, Mumbai)', 'Jawaharlal Nehru Port|JNPT|Mumbai|Navi Mumbai', 'IN', 18.95, 72.95, 'seaport', W),
]
PLANNED_LOC = [
 ('KG-MAKMAL', 'Makmal (planned CKU break of gauge)', 'Макмал', 'KG', 41.4, 74.0, 'junction', G),
 ('PK-KHARLACHI', 'Kharlachi (planned Trans-Afghan PK border point, Kurram)', 'Kharlachi', 'PK', 33.84, 69.93, 'border_crossing', G),
 ('IR-ZAHEDAN', 'Zahedan', 'زاهدان', 'IR', 29.50, 60.86, 'junction', G),
]
# coordinates of existing locations (from data/eurasia/locations.csv) for distance work
EXIST = {}
for r in csv.DictReader(open('/work/main/data/eurasia/locations.csv', encoding='utf-8')):
    EXIST[r['id']] = (float(r['lat']), float(r['lon']), r['country'])
C = {l[0]: (l[4], l[5], l[3]) for l in LOC + PLANNED_LOC}
for k, v in EXIST.items():
    assert k not in C, k
    C[k] = v
AUX = {  # auxiliary points used only inside derivations (general knowledge, W)
 'KRASNOYE': (54.56, 31.43), 'KUNOWICE': (52.35, 14.63), 'DERBENT': (42.06, 48.29),
 'BANDAR_TORKAMAN': (36.90, 54.07), 'GUZAR': (38.62, 66.25), 'KUMKURGAN': (37.83, 67.60),
 'ANGREN': (41.02, 70.14), 'PAP': (40.89, 71.10),
}
def P(k): return (C[k][0], C[k][1]) if k in C else AUX[k]
def d(a, b): return gc(P(a), P(b))

# ---------------------------------------------------------------- km derivations
KM = {}; KMSRC = {}
def setkm(key, val, src, note):
    KM[key] = val; KMSRC[key] = src; log(f'{key}: {val} km [{src}] {note}')

# Russia
f_ru = 2711 / d('RUMOW', 'RUOMS')  # Omsk km post 2,711 (kolej_omsk) over GC
f_trunk = 611 / (d('KRASNOYE', 'BYMSQ') + d('BYMSQ', 'BYBQT'))  # rw.by 611 km over GC via Minsk
log(f'calibration: RU long-haul factor = 2711 / GC(Moscow,Omsk) {d("RUMOW","RUOMS"):.1f} = {f_ru:.3f}')
log(f'calibration: straight trunk factor = 611 / (GC Krasnoye-Minsk {d("KRASNOYE","BYMSQ"):.1f} + Minsk-Brest {d("BYMSQ","BYBQT"):.1f}) = {f_trunk:.3f}')
km_kr_msq = 611 * d('KRASNOYE', 'BYMSQ') / (d('KRASNOYE', 'BYMSQ') + d('BYMSQ', 'BYBQT'))
km_msq_bqt = 611 - km_kr_msq
km_mow_kr = d('RUMOW', 'KRASNOYE') * f_trunk
setkm('moscow-minsk', r0(km_mow_kr + km_kr_msq), 'c16_d_rail_km_ru_by', f'= Moscow-Krasnoye GC {d("RUMOW","KRASNOYE"):.1f} x {f_trunk:.3f} ({km_mow_kr:.0f}) + Osinovka-Minsk share of 611 ({km_kr_msq:.0f})')
setkm('minsk-brest', r0(km_msq_bqt), 'c16_d_rail_km_ru_by', '= 611 (rw.by Osinovka-Brest) split by GC legs')
setkm('moscow-stpetersburg', r0(d('RUMOW', 'RULED') * f_trunk), 'c16_d_rail_km_ru_by', f'GC {d("RUMOW","RULED"):.1f} x {f_trunk:.3f}')
setkm('moscow-riga', r0(d('RUMOW', 'LVRIX') * 1.10), 'c16_d_rail_km_ru_by', f'GC {d("RUMOW","LVRIX"):.1f} x 1.10 (assumption: line via Rzhev-Velikiye Luki-Rezekne bends more than a trunk line)')
setkm('moscow-kurgan', r0(d('RUMOW', 'RUKRO') * f_ru), 'c16_d_rail_km_ru_by', f'GC {d("RUMOW","RUKRO"):.1f} x {f_ru:.3f}')
setkm('moscow-astrakhan', r0(d('RUMOW', 'RUASF') * f_ru), 'c16_d_rail_km_ru_by', f'GC {d("RUMOW","RUASF"):.1f} x {f_ru:.3f}')
setkm('astrakhan-makhachkala', r0(d('RUASF', 'RUMCX') * f_ru), 'c16_d_rail_km_caucasus', f'GC {d("RUASF","RUMCX"):.1f} x {f_ru:.3f} (via Kizlyar)')
setkm('astrakhan-atyrau', r0(d('RUASF', 'KZGUW') * 1.08), 'c16_d_rail_km_caucasus', f'GC {d("RUASF","KZGUW"):.1f} x 1.08 (KZ mean circuity, corridor_facts_2)')
km_mcx_samur = d('RUMCX', 'DERBENT') * 1.10 + 31
km_samur_baku = 214.0 + (548.8 - 534.2)
setkm('makhachkala-baku', r0(km_mcx_samur + km_samur_baku), 'c16_d_rail_km_caucasus', f'= Makhachkala-Derbent GC {d("RUMCX","DERBENT"):.1f} x 1.10 + Derbent-border 31 (dewiki) = {km_mcx_samur:.0f}; + Samur km 214.0 + Bilajari-Baku 14.6 (km posts, dewiki) = {km_samur_baku:.1f}')
setkm('baku-astara', r0(d('AZBAK', 'IR-ASTARA') * 1.30), 'c16_d_rail_km_caucasus', f'GC {d("AZBAK","IR-ASTARA"):.1f} x 1.30 (assumption: line runs south-west via Alat, Salyan, Lankaran)')
# Poland / EU
setkm('malaszewicze-warsaw', 204, 'c16_d_rail_km_pl', '= LK2 Warszawa Zachodnia-state border 214.2 (polrails) - ~2 (Terespol-border) - ~8 (Malaszewicze-Terespol, GC 7.6); +-5')
setkm('brest-malaszewicze', r0(d('BYBQT', 'PLMAA') * 1.10), 'c16_d_rail_km_pl', f'GC {d("BYBQT","PLMAA"):.1f} x 1.10')
setkm('warsaw-duisburg', r0(475.6 + d('KUNOWICE', 'DEDUI') * 1.2), 'c16_d_rail_km_pl', f'= LK3 Warszawa-Kunowice 475.6 (pl.wikipedia) + GC Kunowice-Duisburg {d("KUNOWICE","DEDUI"):.1f} x 1.2')
setkm('warsaw-hamburg', r0(475.6 + d('KUNOWICE', 'DEHAM') * 1.2), 'c16_d_rail_km_pl', f'= 475.6 + GC Kunowice-Hamburg {d("KUNOWICE","DEHAM"):.1f} x 1.2')
setkm('warsaw-vienna', r0(d('PLWAW', 'ATVIE') * 1.25), 'c16_d_rail_km_eu', f'GC {d("PLWAW","ATVIE"):.1f} x 1.25 (via Katowice-Ostrava-Breclav)')
setkm('vienna-budapest', r0(d('ATVIE', 'HUBUD') * 1.25), 'c16_d_rail_km_eu', f'GC {d("ATVIE","HUBUD"):.1f} x 1.25')
setkm('vienna-duisburg', r0(d('ATVIE', 'DEDUI') * 1.2), 'c16_d_rail_km_eu', f'GC {d("ATVIE","DEDUI"):.1f} x 1.2')
setkm('vienna-genoa', r0(d('ATVIE', 'ITGOA') * 1.4), 'c16_d_rail_km_eu', f'GC {d("ATVIE","ITGOA"):.1f} x 1.4 (Alpine crossing via Tarvisio or Brenner; assumption)')
setkm('duisburg-antwerp', r0(d('DEDUI', 'BEANR') * 1.3), 'c16_d_rail_km_eu', f'GC {d("DEDUI","BEANR"):.1f} x 1.3 (Montzen route)')
# Iran / Turkey
km_razi_tbz = (307.0 - 120.0) + (766.6 - 735.9)
setkm('razi-tabriz', r1(km_razi_tbz), 'c16_d_rail_km_ir_tr', '= km posts Razi 120.0 -> Sufian 307.0 (Van-Tabriz line) + Sufian 766.6 -> Tabriz 735.9 (Tabriz-Jolfa line), dewiki Van-Tabriz')
setkm('van-kapikoy', 114.0, 'c16_zxcwiki_van_tabriz', 'km post Kapikoy 114.0 from Van Iskele 0')
setkm('kapikoy-razi', 6.0, 'c16_zxcwiki_van_tabriz', 'km posts 114.0 -> 120.0')
km_qaz_thr = d('IR-QAZVIN', 'IR-TEHRAN') * 1.10
setkm('qazvin-tehran', r0(km_qaz_thr), 'c16_d_rail_km_ir_tr', f'GC {d("IR-QAZVIN","IR-TEHRAN"):.1f} x 1.10')
setkm('tabriz-qazvin', r0(735.9 - km_qaz_thr), 'c16_d_rail_km_ir_tr', f'= Tabriz km post 735.9 from Tehran (dewiki Van-Tabriz) - Qazvin-Tehran {km_qaz_thr:.0f}; cross-check: Tehran-Turkish border 928 km (raillynews 2015) vs 735.9 + 217.7 = 953.6 here (+3%)')
f_alborz = 460 / d('BANDAR_TORKAMAN', 'IR-TEHRAN')
setkm('amirabad-tehran', r0(d('IRAMD', 'IR-TEHRAN') * f_alborz), 'c16_d_rail_km_ir_tr', f'GC {d("IRAMD","IR-TEHRAN"):.1f} x {f_alborz:.2f} (factor = Bandar Torkaman-Tehran ~460 km (skyscraper_iran, W) / GC {d("BANDAR_TORKAMAN","IR-TEHRAN"):.1f}); range 355-400')
setkm('ankara-derince', 1820 - 1310, 'c16_d_rail_km_ir_tr', '= existing rail-kars-derince 1,820 (d_rail_km_tr) - Ankara-Kars 1,310 (TCDD): keeps Kars-Ankara-Derince equal to Kars-Derince; range 450-510')
# Central Asia
setkm('karshi-termez', r0(d('UZKSQ', 'GUZAR') * 1.1 + 223 + d('KUMKURGAN', 'UZTER') * 1.1), 'c16_d_rail_km_uz_tm', f'= GC Karshi-Guzar {d("UZKSQ","GUZAR"):.1f} x 1.1 + Tashguzar-Baysun-Kumkurgan 223 (TCA) + GC Kumkurgan-Termez {d("KUMKURGAN","UZTER"):.1f} x 1.1')
setkm('bukhara-farap', r0(d('UZ-BUKHARA', 'TMFAR') * 1.1), 'c16_d_rail_km_uz_tm', f'GC {d("UZ-BUKHARA","TMFAR"):.1f} x 1.1 (via Khodzhadavlet/Alat)')
setkm('farap-turkmenabat', r0(d('TMFAR', 'TMTK5') * 1.25), 'c16_d_rail_km_uz_tm', f'GC {d("TMFAR","TMTK5"):.1f} x 1.25 (Amu Darya bridge)')
setkm('turkmenabat-tejen', r0(d('TMTK5', 'TMTEJ') * 1.1), 'c16_d_rail_km_uz_tm', f'GC {d("TMTK5","TMTEJ"):.1f} x 1.1 (via Mary)')
setkm('tejen-ashgabat', r0(d('TMTEJ', 'TMAGT') * 1.1), 'c16_d_rail_km_uz_tm', f'GC {d("TMTEJ","TMAGT"):.1f} x 1.1')
setkm('tashkent-andijan', r0(d('UZTAS', 'ANGREN') * 1.2 + 123 + d('PAP', 'UZ-ANDIJAN') * 1.15), 'c16_d_rail_km_uz_tm', f'= GC Tashkent-Angren {d("UZTAS","ANGREN"):.1f} x 1.2 + Angren-Pap 123 (TCA) + GC Pap-Andijan {d("PAP","UZ-ANDIJAN"):.1f} x 1.15')
setkm('termez-hairatan', r0(d('UZTER', 'AF-HAIRATAN') * 1.1), 'c16_d_rail_km_uz_tm', f'GC {d("UZTER","AF-HAIRATAN"):.1f} x 1.1 (Friendship Bridge)')
# roads
setkm('astara-rasht-road', r0(d('IR-ASTARA', 'IR-RASHT') * 1.25), 'c16_d_road_km', f'GC {d("IR-ASTARA","IR-RASHT"):.1f} x 1.25')
setkm('rasht-anzali-road', r0(d('IR-RASHT', 'IR-ANZALI') * 1.3), 'c16_d_road_km', f'GC {d("IR-RASHT","IR-ANZALI"):.1f} x 1.3')
setkm('peshawar-karachi-road', r0(d('PKPEW', 'PKKHI') * 1.3), 'c16_d_road_km', f'GC {d("PKPEW","PKKHI"):.1f} x 1.3 (N-5)')
# Caspian and Makran sea legs (no marnet coverage / poor snapping)
for a, b, f, key in [('RUASF', 'IR-ANZALI', 1.15, 'astrakhan-anzali'), ('RUASF', 'IRAMD', 1.15, 'astrakhan-amirabad'),
                     ('RUMCX', 'IR-ANZALI', 1.05, 'makhachkala-anzali'), ('RUMCX', 'IRAMD', 1.05, 'makhachkala-amirabad'),
                     ('KZ-KURYK', 'IRAMD', 1.05, 'kuryk-amirabad')]:
    setkm(key, r0(d(a, b) * f), 'c16_d_sea_gc_caspian', f'GC {d(a,b):.1f} x {f}')
for a, b, f, key in [('INNSA', 'IRZBR', 1.05, 'nhavasheva-chabahar'), ('IRZBR', 'IRBND', 1.15, 'chabahar-bandarabbas'),
                     ('PKGWD', 'PKKHI', 1.05, 'gwadar-karachi')]:
    setkm(key, r0(d(a, b) * f), 'c16_d_sea_gc_makran', f'GC {d(a,b):.1f} x {f}')

# marnet legs (computed with tools/marnet.py; km = network + both snap distances)
sys.argv = ['x']
src = open(os.path.join(os.path.dirname(__file__), 'marnet.py')).read().split("if __name__")[0]
ns = {}; exec(src, ns)
MAR = {}
for key, a, b in [('nhavasheva-bandarabbas', 'INNSA', 'IRBND'), ('nhavasheva-portsaid', 'INNSA', 'EGPSD'),
                  ('nhavasheva-singapore', 'INNSA', 'SGSIN'), ('karachi-singapore', 'PKKHI', 'SGSIN'),
                  ('karachi-portsaid', 'PKKHI', 'EGPSD'), ('karachi-bandarabbas', 'PKKHI', 'IRBND'),
                  ('gdansk-rotterdam', 'PLGDN', 'NLRTM'), ('gdansk-hamburg', 'PLGDN', 'DEHAM'),
                  ('gdansk-portsaid', 'PLGDN', 'EGPSD'), ('riga-rotterdam', 'LVRIX', 'NLRTM'),
                  ('riga-hamburg', 'LVRIX', 'DEHAM'), ('antwerp-portsaid', 'BEANR', 'EGPSD'),
                  ('genoa-portsaid', 'ITGOA', 'EGPSD'), ('genoa-piraeus', 'ITGOA', 'GRPIR')]:
    kmn, da, db, ps = ns['route'](P(a), P(b))
    tot = kmn + da + db
    MAR[key] = (r1(tot), ps)
    setkm(key, r1(tot), 'c16_d_sea_nm_marnet', f'network {kmn:.1f} + snap {da:.1f}/{db:.1f} km = {tot/1.852:.0f} nm; passages {"|".join(sorted(ps)) or "-"}')

# ---------------------------------------------------------------- rate helpers
TEU_KM = 0.44       # d_rail_teu_rate
TKM = 0.0883        # d_rail_tkm_cpmm
TKM_CN, TKM_IR, TKM_UZ = 0.0215, 0.019, 0.0635
ROAD_TKM, ROAD_TEU_KM = 0.0945, 1.89
SEA_DEEP_NM, SEA_SHORT_NM = 0.12, 0.29
SEA_DEEP_TKM, SEA_SHORT_TKM = 0.0032, 0.0078

LINKS = []; PLINKS = []
def rail(id_, a, b, gauge, km, speed, speed_src, countries, em, tkm=TKM, tkm_src='d_rail_tkm_cpmm', handling=None,
         cap_tpy='', cap_teu='', cap_src='', planned=False, extra_src=''):
    if handling is None:
        handling = 'container|dry_bulk|liquid_bulk' if gauge == 1520 else 'container|dry_bulk'
    srcs = [f'km:{KMSRC.get(id_, km[1]) if isinstance(km, tuple) else KMSRC[id_]}']
    kmv = km[0] if isinstance(km, tuple) else KM[id_]
    if isinstance(km, tuple):
        srcs = [f'km:{km[1]}']
    srcs += [f'speed_kmh:{speed_src}', 'tariff_usd_per_teu:d_rail_teu_rate', f'tariff_usd_per_tkm:{tkm_src}']
    if cap_tpy: srcs.append(f'capacity_tpy:{cap_src}')
    if cap_teu: srcs.append(f'capacity_teu_py:{cap_src}')
    if extra_src: srcs.append(extra_src)
    row = dict(id=f'rail-{id_}', **{'from': a}, to=b, mode='rail', gauge_mm=gauge, km=kmv, speed_kmh=speed, hours='',
               wait_hours_min='', wait_hours_mode='', wait_hours_max='', handling=handling, tariff_usd_per_tkm=tkm,
               tariff_usd_per_teu=r0(kmv * TEU_KM), fixed_usd='', capacity_tpy=cap_tpy, capacity_teu_py=cap_teu,
               emission_class=em, countries=countries, chokepoints='', closed_months='', oneway='', sources='|'.join(srcs))
    (PLINKS if planned else LINKS).append(row)

S_RU, S_BY, S_EU, S_KZ, S_TM, S_TR, S_CN = 50, 58.3, 40, 41.7, 22, 31.5, 36.1
# --- China-Europe via Belarus/Poland
rail('moscow-omsk', 'RUMOW', 'RUOMS', 1520, (2711, 'kolej_omsk'), S_RU, 'd_speed_ru', 'RU', 'rail_electric')
rail('moscow-kurgan', 'RUMOW', 'RUKRO', 1520, None, S_RU, 'd_speed_ru', 'RU', 'rail_electric')
rail('moscow-stpetersburg', 'RUMOW', 'RULED', 1520, None, S_RU, 'd_speed_ru', 'RU', 'rail_electric')
rail('moscow-minsk', 'RUMOW', 'BYMSQ', 1520, None, S_RU, 'd_speed_ru', 'RU|BY', 'rail_electric')
rail('minsk-brest', 'BYMSQ', 'BYBQT', 1520, None, S_BY, 'c16_d_speed_by', 'BY', 'rail_electric')
# Brest-Malaszewicze: both gauges, like Dostyk-Alashankou; capacity from 14 broad-gauge train pairs/day
cap_mal = 14 * 365 * 80
log(f'Malaszewicze broad-gauge capacity: 14 train pairs/day (index1520 2020) x 365 x 80 TEU per train (40 containers of 40 ft per train, logistyka.rp.pl 2018) = {cap_mal} TEU per direction')
rail('brest-malaszewicze-1520', 'BYBQT', 'PLMAA', 1520, (KM['brest-malaszewicze'], 'c16_d_rail_km_pl'), S_EU, 'd_speed_eu', 'BY|PL', 'rail_electric', cap_teu=cap_mal, cap_src='c16_d_cap_malaszewicze')
rail('brest-malaszewicze-1435', 'BYBQT', 'PLMAA', 1435, (KM['brest-malaszewicze'], 'c16_d_rail_km_pl'), S_EU, 'd_speed_eu', 'BY|PL', 'rail_electric')
rail('malaszewicze-warsaw', 'PLMAA', 'PLWAW', 1435, None, S_EU, 'd_speed_eu', 'PL', 'rail_electric')
rail('warsaw-gdansk', 'PLWAW', 'PLGDN', 1435, (323, 'c16_wiki_warsaw_gdansk'), S_EU, 'd_speed_eu', 'PL', 'rail_electric')
rail('warsaw-duisburg', 'PLWAW', 'DEDUI', 1435, None, S_EU, 'd_speed_eu', 'PL|DE', 'rail_electric')
rail('warsaw-hamburg', 'PLWAW', 'DEHAM', 1435, None, S_EU, 'd_speed_eu', 'PL|DE', 'rail_electric')
rail('warsaw-vienna', 'PLWAW', 'ATVIE', 1435, None, S_EU, 'd_speed_eu', 'PL|CZ|AT', 'rail_electric')
rail('vienna-budapest', 'ATVIE', 'HUBUD', 1435, None, S_EU, 'd_speed_eu', 'AT|HU', 'rail_electric')
rail('vienna-duisburg', 'ATVIE', 'DEDUI', 1435, None, S_EU, 'd_speed_eu', 'AT|DE', 'rail_electric')
rail('vienna-genoa', 'ATVIE', 'ITGOA', 1435, None, S_EU, 'd_speed_eu', 'AT|IT', 'rail_electric')
rail('duisburg-antwerp', 'DEDUI', 'BEANR', 1435, None, S_EU, 'd_speed_eu', 'DE|BE', 'rail_electric')
rail('moscow-riga', 'RUMOW', 'LVRIX', 1520, None, S_RU, 'd_speed_ru', 'RU|LV', 'rail_electric')
# --- Iran-Turkey via Lake Van
rail('tabriz-razi', 'IRTBZ', 'IR-RAZI', 1435, (KM['razi-tabriz'], 'c16_d_rail_km_ir_tr'), S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
rail('razi-kapikoy', 'IR-RAZI', 'TRKPY', 1435, (KM['kapikoy-razi'], 'c16_zxcwiki_van_tabriz'), S_TM, 'd_speed_kztmir', 'IR|TR', 'rail_diesel')
rail('kapikoy-van', 'TRKPY', 'TRVAN', 1435, (KM['van-kapikoy'], 'c16_zxcwiki_van_tabriz'), S_TR, 'd_speed_tr', 'TR', 'rail_diesel')
rail('tatvan-ankara', 'TR-TATVAN', 'TRANK', 1435, (1262, 'c16_bazaartimes2024_tatvan'), S_TR, 'd_speed_tr', 'TR', 'rail_diesel')
rail('ankara-kars', 'TRANK', 'TR-KARS', 1435, (1310, 'c16_aa_ankara_kars'), S_TR, 'd_speed_tr', 'TR', 'rail_diesel')
rail('ankara-derince', 'TRANK', 'TRDRC', 1435, None, S_TR, 'd_speed_tr', 'TR', 'rail_electric')
rail('tabriz-qazvin', 'IRTBZ', 'IR-QAZVIN', 1435, None, S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
rail('qazvin-tehran', 'IR-QAZVIN', 'IR-TEHRAN', 1435, None, S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
# --- Uzbekistan / Turkmenistan / Kashgar / Afghanistan
rail('tashkent-samarkand', 'UZTAS', 'UZ-SAMARKAND', 1520, (344, 'c16_wiki_tashkent_samarkand'), S_KZ, 'd_speed_kz', 'UZ', 'rail_electric', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('samarkand-bukhara', 'UZ-SAMARKAND', 'UZ-BUKHARA', 1520, (256, 'c16_wiki_tashkent_samarkand'), S_KZ, 'd_speed_kz', 'UZ', 'rail_electric', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('samarkand-karshi', 'UZ-SAMARKAND', 'UZKSQ', 1520, (141, 'c16_wiki_tashkent_samarkand'), S_KZ, 'd_speed_kz', 'UZ', 'rail_electric', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('karshi-termez', 'UZKSQ', 'UZTER', 1520, None, S_KZ, 'd_speed_kz', 'UZ', 'rail_electric', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('tashkent-andijan', 'UZTAS', 'UZ-ANDIJAN', 1520, None, S_KZ, 'd_speed_kz', 'UZ', 'rail_electric', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('bukhara-farap', 'UZ-BUKHARA', 'TMFAR', 1520, None, S_KZ, 'd_speed_kz', 'UZ|TM', 'rail_diesel', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('farap-turkmenabat', 'TMFAR', 'TMTK5', 1520, None, S_TM, 'd_speed_kztmir', 'TM', 'rail_diesel')
rail('turkmenabat-tejen', 'TMTK5', 'TMTEJ', 1520, None, S_TM, 'd_speed_kztmir', 'TM', 'rail_diesel')
rail('tejen-ashgabat', 'TMTEJ', 'TMAGT', 1520, None, S_TM, 'd_speed_kztmir', 'TM', 'rail_diesel')
rail('tejen-sarakhs', 'TMTEJ', 'IR-SARAKHS', 1520, (132, 'c16_wiki_tejen_sarakhs'), S_TM, 'd_speed_kztmir', 'TM|IR', 'rail_diesel')
rail('sarakhs-mashhad', 'IR-SARAKHS', 'IR-MASHHAD', 1435, (148, 'c16_wiki_tejen_sarakhs'), S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
rail('mashhad-tehran', 'IR-MASHHAD', 'IR-TEHRAN', 1435, (925, 'c16_skyscraper_iran_mashhad'), S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
rail('urumqi-kashgar', 'CNURM', 'CN-KASHGAR', 1435, (1588, 'c16_wiki_southern_xinjiang'), S_CN, 'd_speed_cn', 'CN', 'rail_diesel', TKM_CN, 'd_rail_tkm_cn')
rail('termez-hairatan', 'UZTER', 'AF-HAIRATAN', 1520, None, S_KZ, 'd_speed_kz', 'UZ|AF', 'rail_diesel', TKM_UZ, 'c16_d_rail_tkm_uz')
rail('hairatan-mazar', 'AF-HAIRATAN', 'AF-MAZAR', 1520, (75, 'c16_wtm_hairatan'), S_TM, 'd_speed_kztmir', 'AF', 'rail_diesel')
# --- INSTC
rail('astrakhan-moscow', 'RUASF', 'RUMOW', 1520, (KM['moscow-astrakhan'], 'c16_d_rail_km_ru_by'), S_RU, 'd_speed_ru', 'RU', 'rail_electric')
rail('astrakhan-makhachkala', 'RUASF', 'RUMCX', 1520, None, S_RU, 'd_speed_ru', 'RU', 'rail_diesel')
rail('astrakhan-atyrau', 'RUASF', 'KZGUW', 1520, None, S_KZ, 'd_speed_kz', 'RU|KZ', 'rail_diesel')
rail('makhachkala-baku', 'RUMCX', 'AZBAK', 1520, None, S_RU, 'd_speed_ru', 'RU|AZ', 'rail_electric')
rail('baku-astara', 'AZBAK', 'IR-ASTARA', 1520, None, 21.4, 'd_speed_btk', 'AZ|IR', 'rail_diesel',
     cap_tpy=2000000, cap_src='c16_azernews2020_astara')
rail('rasht-qazvin', 'IR-RASHT', 'IR-QAZVIN', 1435, (164, 'c16_osjd2019_qazvin_rasht'), S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')
rail('amirabad-tehran', 'IRAMD', 'IR-TEHRAN', 1435, None, S_TM, 'd_speed_kztmir', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir')


def road(id_, a, b, countries):
    kmv = KM[id_ + '-road']
    LINKS.append(dict(id=f'road-{id_}', **{'from': a}, to=b, mode='road', gauge_mm='', km=kmv, speed_kmh=40, hours='',
        wait_hours_min='', wait_hours_mode='', wait_hours_max='', handling='container|dry_bulk', tariff_usd_per_tkm=ROAD_TKM,
        tariff_usd_per_teu=r0(kmv * ROAD_TEU_KM), fixed_usd='', capacity_tpy='', capacity_teu_py='', emission_class='road_truck',
        countries=countries, chokepoints='', closed_months='', oneway='',
        sources=f'km:c16_d_road_km|speed_kmh:d_speed_road|tariff_usd_per_teu:d_road_rate|tariff_usd_per_tkm:d_road_rate'))
road('astara-rasht', 'IR-ASTARA', 'IR-RASHT', 'IR')
road('rasht-anzali', 'IR-RASHT', 'IR-ANZALI', 'IR')
road('peshawar-karachi', 'PKPEW', 'PKKHI', 'PK')

def sea(id_, a, b, countries, kind, km, kmsrc, chokes='', handling='container|dry_bulk', speed=None, speed_src=None,
        wait=None, wait_src=None, teu=None, teu_src=None, tkm=None, tkm_src=None, em=None, mode='sea'):
    if kind == 'deep':
        speed, speed_src = 29.6, 'd_sea_speed'
        teu, teu_src = r0(km / 1.852 * SEA_DEEP_NM), 'd_sea_deep_rate'
        tkm, tkm_src = (SEA_DEEP_TKM, 'd_sea_bulk_rate') if 'dry_bulk' in handling else (None, None)
        em = 'sea_container_deep'
    elif kind == 'short':
        speed, speed_src = 27.8, 'd_sea_speed'
        teu, teu_src = r0(km / 1.852 * SEA_SHORT_NM), 'd_sea_short_rate'
        tkm, tkm_src = (SEA_SHORT_TKM, 'd_sea_bulk_rate') if 'dry_bulk' in handling else (None, None)
        em = 'sea_feeder'
    srcs = [f'km:{kmsrc}', f'speed_kmh:{speed_src}']
    if teu is not None: srcs.append(f'tariff_usd_per_teu:{teu_src}')
    if tkm is not None: srcs.append(f'tariff_usd_per_tkm:{tkm_src}')
    if wait: srcs += [f'wait_hours_min:{wait_src}', f'wait_hours_mode:{wait_src}', f'wait_hours_max:{wait_src}']
    LINKS.append(dict(id=f'{mode if mode=="ferry" else "sea"}-{id_}', **{'from': a}, to=b, mode=mode, gauge_mm='', km=km,
        speed_kmh=speed, hours='', wait_hours_min=wait[0] if wait else '', wait_hours_mode=wait[1] if wait else '',
        wait_hours_max=wait[2] if wait else '', handling=handling, tariff_usd_per_tkm=tkm if tkm is not None else '',
        tariff_usd_per_teu=teu if teu is not None else '', fixed_usd='', capacity_tpy='', capacity_teu_py='', emission_class=em,
        countries=countries, chokepoints=chokes, closed_months='', oneway='', sources='|'.join(srcs)))

M = lambda k: MAR[k][0]
sea('nhavasheva-bandarabbas', 'INNSA', 'IRBND', 'IN|IR', 'short', M('nhavasheva-bandarabbas'), 'c16_d_sea_nm_marnet', 'hormuz')
sea('nhavasheva-chabahar', 'INNSA', 'IRZBR', 'IN|IR', 'short', KM['nhavasheva-chabahar'], 'c16_d_sea_gc_makran')
sea('chabahar-bandarabbas', 'IRZBR', 'IRBND', 'IR', 'short', KM['chabahar-bandarabbas'], 'c16_d_sea_gc_makran', 'hormuz')
sea('nhavasheva-portsaid', 'INNSA', 'EGPSD', 'IN|EG', 'deep', M('nhavasheva-portsaid'), 'c16_d_sea_nm_marnet', 'bab-el-mandeb|suez')
sea('nhavasheva-singapore', 'INNSA', 'SGSIN', 'IN|SG', 'deep', M('nhavasheva-singapore'), 'c16_d_sea_nm_marnet', 'malacca')
sea('karachi-singapore', 'PKKHI', 'SGSIN', 'PK|SG', 'deep', M('karachi-singapore'), 'c16_d_sea_nm_marnet', 'malacca')
sea('karachi-portsaid', 'PKKHI', 'EGPSD', 'PK|EG', 'deep', M('karachi-portsaid'), 'c16_d_sea_nm_marnet', 'bab-el-mandeb|suez')
sea('karachi-bandarabbas', 'PKKHI', 'IRBND', 'PK|IR', 'short', M('karachi-bandarabbas'), 'c16_d_sea_nm_marnet', 'hormuz')
sea('gwadar-karachi', 'PKGWD', 'PKKHI', 'PK', 'short', KM['gwadar-karachi'], 'c16_d_sea_gc_makran')
sea('gdansk-rotterdam', 'PLGDN', 'NLRTM', 'PL|NL', 'short', M('gdansk-rotterdam'), 'c16_d_sea_nm_marnet')
sea('gdansk-hamburg', 'PLGDN', 'DEHAM', 'PL|DE', 'short', M('gdansk-hamburg'), 'c16_d_sea_nm_marnet')
sea('gdansk-portsaid', 'PLGDN', 'EGPSD', 'PL|EG', 'deep', M('gdansk-portsaid'), 'c16_d_sea_nm_marnet', 'dover|gibraltar')
sea('riga-rotterdam', 'LVRIX', 'NLRTM', 'LV|NL', 'short', M('riga-rotterdam'), 'c16_d_sea_nm_marnet')
sea('riga-hamburg', 'LVRIX', 'DEHAM', 'LV|DE', 'short', M('riga-hamburg'), 'c16_d_sea_nm_marnet')
sea('antwerp-portsaid', 'BEANR', 'EGPSD', 'BE|EG', 'deep', M('antwerp-portsaid'), 'c16_d_sea_nm_marnet', 'dover|gibraltar')
sea('genoa-portsaid', 'ITGOA', 'EGPSD', 'IT|EG', 'deep', M('genoa-portsaid'), 'c16_d_sea_nm_marnet')
sea('genoa-piraeus', 'ITGOA', 'GRPIR', 'IT|GR', 'short', M('genoa-piraeus'), 'c16_d_sea_nm_marnet')
# Caspian (no marnet): ship speed from the Baku-Aktau ferry (470 km / 24 h)
CW = (12, 42, 168)
for key, a, b, cc in [('astrakhan-anzali', 'RUASF', 'IR-ANZALI', 'RU|IR'), ('astrakhan-amirabad', 'RUASF', 'IRAMD', 'RU|IR'),
                      ('makhachkala-anzali', 'RUMCX', 'IR-ANZALI', 'RU|IR'), ('makhachkala-amirabad', 'RUMCX', 'IRAMD', 'RU|IR')]:
    sea(key, a, b, cc, 'caspian', KM[key], 'c16_d_sea_gc_caspian', speed=19.6, speed_src='c16_d_speed_caspian_ship',
        wait=CW, wait_src='c16_d_wait_caspian_instc', em='sea_feeder')
sea('kuryk-amirabad', 'KZ-KURYK', 'IRAMD', 'KZ|IR', 'caspian', KM['kuryk-amirabad'], 'c16_d_sea_gc_caspian', handling='container',
    speed=19.6, speed_src='c16_d_speed_caspian_ship', wait=CW, wait_src='c16_d_wait_caspian_instc', teu=825,
    teu_src='c16_d_ferry_kuryk_iran_teu', em='ferry_roro', mode='ferry')
# Lake Van train ferry
LINKS.append(dict(id='ferry-tatvan-van', **{'from': 'TR-TATVAN'}, to='TRVAN', mode='ferry', gauge_mm='', km=90.6, speed_kmh='',
    hours=3.5, wait_hours_min=0, wait_hours_mode=12, wait_hours_max=48, handling='container|dry_bulk|liquid_bulk',
    tariff_usd_per_tkm='', tariff_usd_per_teu='', fixed_usd='', capacity_tpy='', capacity_teu_py='', emission_class='ferry_roro',
    countries='TR', chokepoints='', closed_months='', oneway='',
    sources='km:c16_jawiki_van_ferry|hours:c16_railturkey2018_van|wait_hours_min:c16_d_wait_van|wait_hours_mode:c16_d_wait_van|wait_hours_max:c16_d_wait_van'))

# ---------------------------------------------------------------- planned links
rail('kashgar-makmal-planned', 'CN-KASHGAR', 'KG-MAKMAL', 1435, (344, 'c16_railgazette2025_cku'), S_KZ, 'c16_d_speed_planned', 'CN|KG', 'rail_diesel',
     cap_tpy=15000000, cap_src='c16_railgazette2025_cku', planned=True)
rail('makmal-andijan-planned', 'KG-MAKMAL', 'UZ-ANDIJAN', 1520, (523 - 344, 'c16_railgazette2025_cku'), S_KZ, 'c16_d_speed_planned', 'KG|UZ', 'rail_diesel',
     cap_tpy=15000000, cap_src='c16_railgazette2025_cku', planned=True)
rail('termez-kharlachi-planned', 'UZTER', 'PK-KHARLACHI', 1520, (647, 'c16_tass2025_transafghan'), S_KZ, 'c16_d_speed_planned', 'UZ|AF|PK', 'rail_diesel',
     cap_tpy=3000000, cap_src='c16_tass2025_transafghan', planned=True)
rail('termez-peshawar-planned', 'UZTER', 'PKPEW', 1520, (774, 'c16_einnews2025_transafghan'), S_KZ, 'c16_d_speed_planned', 'UZ|AF|PK', 'rail_diesel',
     cap_tpy=20000000, cap_src='c16_einnews2025_transafghan', planned=True)
rail('chabahar-zahedan-planned', 'IRZBR', 'IR-ZAHEDAN', 1435, (628, 'c16_mrud2020_chabahar'), S_TM, 'c16_d_speed_planned', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir', planned=True)
rail('rasht-astara-planned', 'IR-RASHT', 'IR-ASTARA', 1435, (163, 'c16_trend2023_rasht_astara'), S_TM, 'c16_d_speed_planned', 'IR', 'rail_diesel', TKM_IR, 'd_rail_tkm_ir',
     cap_tpy=6000000, cap_src='c16_mrud_rasht_astara', planned=True)

# km sources for rows built with km=None
for row in LINKS + PLINKS:
    if row['km'] is None:
        raise SystemExit('missing km ' + row['id'])

# ---------------------------------------------------------------- borders
BORD = []
def tri(mean):
    mn, mx = 0.25 * mean, 2 * mean
    return r1(mn), r1(3 * mean - mn - mx), r1(mx)
def border(a, b, hrs, src, fee_teu='', fee_src=''):
    s = f'hours_min:{src}|hours_mode:{src}|hours_max:{src}'
    if fee_teu != '': s += f'|fee_usd_per_teu:{fee_src}'
    BORD.append(dict(**{'from': a}, to=b, fee_usd='', fee_usd_per_teu=fee_teu, fee_usd_per_t='',
                     hours_min=hrs[0], hours_mode=hrs[1], hours_max=hrs[2], sources=s))
OTHER = (10.2, 30.4, 81.2); EUX = (6, 18, 48); EUI = (0, 0.5, 2)
BYPL = (6, 60, 384); RUBY = (0, 2, 12)
for a, b in [('BYBQT', 'PLMAA'), ('PLMAA', 'BYBQT')]: border(a, b, BYPL, 'c16_d_bcp_by_pl')
for a, b in [('RUMOW', 'BYMSQ'), ('BYMSQ', 'RUMOW')]: border(a, b, RUBY, 'c16_d_bcp_ru_by')
for a, b in [('RUMOW', 'LVRIX'), ('LVRIX', 'RUMOW')]: border(a, b, EUX, 'd_bcp_eu_external')
for a, b in [('PLWAW', 'DEDUI'), ('DEDUI', 'PLWAW'), ('PLWAW', 'DEHAM'), ('DEHAM', 'PLWAW'), ('PLWAW', 'ATVIE'), ('ATVIE', 'PLWAW'),
             ('ATVIE', 'HUBUD'), ('HUBUD', 'ATVIE'), ('ATVIE', 'DEDUI'), ('DEDUI', 'ATVIE'), ('ATVIE', 'ITGOA'), ('ITGOA', 'ATVIE'),
             ('DEDUI', 'BEANR'), ('BEANR', 'DEDUI')]:
    border(a, b, EUI, 'd_bcp_eu_internal')
for a, b in [('IR-RAZI', 'TRKPY'), ('TRKPY', 'IR-RAZI'), ('RUMCX', 'AZBAK'), ('AZBAK', 'RUMCX'), ('AZBAK', 'IR-ASTARA'), ('IR-ASTARA', 'AZBAK'),
             ('TMTEJ', 'IR-SARAKHS'), ('IR-SARAKHS', 'TMTEJ')]:
    border(a, b, OTHER, 'd_bcp_other')
# KZ-RU (Atyrau-Astrakhan): same rule and sources as the existing KZ-RU rows
border('KZGUW', 'RUASF', (11.8, 35.6, 94.8), 'd_bcp_kz_out', 185, 'cpmm2022_kz')
border('RUASF', 'KZGUW', (29.6, 89, 237.2), 'd_bcp_kz_in', 313, 'cpmm2022_kz')
# UZ borders from CPMM 2022 UZ + CAREC average for the other side
uz_out = tri(6.0 + 40.6); uz_in = tri(40.6 + 6.8)
log(f'UZ outbound border: UZ rail outbound 6.0 h (2021, latest) + other side 40.6 h = 46.6 h -> triangular {uz_out}')
log(f'UZ inbound border: other side 40.6 h + UZ rail inbound 6.8 h (2022) = 47.4 h -> triangular {uz_in}')
border('UZ-BUKHARA', 'TMFAR', uz_out, 'c16_d_bcp_uz', 100, 'c16_cpmm2022_uz')
border('TMFAR', 'UZ-BUKHARA', uz_in, 'c16_d_bcp_uz', 133, 'c16_cpmm2022_uz')
border('UZTER', 'AF-HAIRATAN', uz_out, 'c16_d_bcp_uz', 100, 'c16_cpmm2022_uz')
border('AF-HAIRATAN', 'UZTER', uz_in, 'c16_d_bcp_uz', 133, 'c16_cpmm2022_uz')
PBORD_start = len(BORD)
for a, b in [('CN-KASHGAR', 'KG-MAKMAL'), ('KG-MAKMAL', 'CN-KASHGAR'), ('KG-MAKMAL', 'UZ-ANDIJAN'), ('UZ-ANDIJAN', 'KG-MAKMAL'),
             ('UZTER', 'PK-KHARLACHI'), ('PK-KHARLACHI', 'UZTER'), ('UZTER', 'PKPEW'), ('PKPEW', 'UZTER')]:
    border(a, b, OTHER, 'd_bcp_other')
PBORD = BORD[PBORD_start:]; BORD = BORD[:PBORD_start]

# ---------------------------------------------------------------- transfers
TRF = []; PTRF = []
def gauge_rows(loc, hrs, src, out=TRF):
    for fl, tl in [('rail1520', 'rail1435'), ('rail1435', 'rail1520')]:
        out.append(dict(location=loc, from_layer=fl, to_layer=tl, handling='container', usd_per_t='', usd_per_teu=118, fixed_usd='',
                        hours_min=hrs[0], hours_mode=hrs[1], hours_max=hrs[2], sources=f'usd_per_teu:d_thc|hours_min:{src}|hours_mode:{src}|hours_max:{src}'))
    for h in ['dry_bulk', 'liquid_bulk']:
        for fl, tl in [('rail1520', 'rail1435'), ('rail1435', 'rail1520')]:
            out.append(dict(location=loc, from_layer=fl, to_layer=tl, handling=h, usd_per_t=5.9, usd_per_teu='', fixed_usd='',
                            hours_min=hrs[0], hours_mode=hrs[1], hours_max=hrs[2], sources=f'usd_per_t:d_bulk_handling|hours_min:{src}|hours_mode:{src}|hours_max:{src}'))
gauge_rows('PLMAA', (4, 8, 48), 'c16_d_gauge_malaszewicze')
gauge_rows('BYBQT', (4, 8, 48), 'c16_d_gauge_malaszewicze')
gauge_rows('IR-SARAKHS', (6, 24, 72), 'c16_d_gauge_sarakhs')
for loc in ['TR-TATVAN', 'TRVAN']:
    for h in ['container', 'dry_bulk', 'liquid_bulk']:
        for fl, tl in [('rail1435', 'ferry'), ('ferry', 'rail1435')]:
            TRF.append(dict(location=loc, from_layer=fl, to_layer=tl, handling=h, usd_per_t='', usd_per_teu='', fixed_usd='',
                            hours_min=2, hours_mode=6, hours_max=24, sources='hours_min:c16_d_van_ferry_dwell|hours_mode:c16_d_van_ferry_dwell|hours_max:c16_d_van_ferry_dwell'))
for fl, tl in [('ferry', 'rail1435'), ('rail1435', 'ferry')]:
    TRF.append(dict(location='IRAMD', from_layer=fl, to_layer=tl, handling='container', usd_per_t='', usd_per_teu=118, fixed_usd='',
                    hours_min=14, hours_mode=24, hours_max=48, sources='usd_per_teu:d_thc|hours_min:d_ferry_dwell|hours_mode:d_ferry_dwell|hours_max:d_ferry_dwell'))
gauge_rows('KG-MAKMAL', (6, 12, 48), 'c16_d_gauge_planned', PTRF)
gauge_rows('IR-ASTARA', (6, 12, 48), 'c16_d_gauge_planned', PTRF)

# ---------------------------------------------------------------- countries
PV = {'BY': ('Belarus', -0.73), 'PL': ('Poland', 0.56), 'LV': ('Latvia', 0.59), 'BE': ('Belgium', 0.40), 'IT': ('Italy', 0.58),
      'CZ': ('Czechia', 0.97), 'IN': ('India', -0.64), 'PK': ('Pakistan', -1.93), 'AF': ('Afghanistan', -2.48)}
COUN = [dict(iso2=k, name=v[0], disruption_probability=round(0.01 * math.exp(-v[1]), 4), sources='disruption_probability:c16_d_country_risk')
        for k, v in PV.items()]
for c in COUN: log(f'country {c["iso2"]}: PV.EST 2023 {PV[c["iso2"]][1]} -> 0.01 x exp(-PV) = {c["disruption_probability"]}')

# ---------------------------------------------------------------- corridors
CORR = [
 dict(id='china-europe-by-pl', name='China-Europe rail via Belarus and Poland (Brest-Malaszewicze)', via_any='BYBQT|PLMAA',
      require_countries='RU|BY|PL', forbid_countries='', forbid_locations='',
      description='China/Kazakhstan rail across Russia and Belarus, gauge change at Brest or Malaszewicze, then Warsaw and the EU network or Baltic/North Sea ports'),
 dict(id='instc-west', name='INSTC western route via Azerbaijan (Astara)', via_any='IR-ASTARA', require_countries='RU|AZ|IR',
      forbid_countries='KZ|TM', forbid_locations='',
      description='Russia - Samur/Yalama - Baku - Astara rail-road terminal - road to Rasht - rail to Qazvin/Tehran - Bandar Abbas (Rasht-Astara rail gap is in planned_links.csv)'),
 dict(id='instc-caspian', name='INSTC trans-Caspian sea route', via_any='RUASF|RUMCX|IRAMD|IR-ANZALI', require_countries='RU|IR',
      forbid_countries='AZ|KZ|TM', forbid_locations='',
      description='Astrakhan or Makhachkala by sea to Anzali or Amirabad, then Iranian rail/road to Bandar Abbas and sea to Nhava Sheva'),
 dict(id='instc-east', name='INSTC eastern route via Kazakhstan/Turkmenistan', via_any='KZ-BOLASHAK|IR-SARAKHS', require_countries='TM|IR',
      forbid_countries='AZ', forbid_locations='',
      description='Kazakh/Uzbek rail via Bolashak-Serhetyaka-Etrek-Inche Burun or via Farap-Tejen-Sarakhs-Mashhad into Iran'),
 dict(id='iran-turkey-van', name='Iran-Turkey rail via Razi-Kapikoy and the Lake Van ferry', via_any='TRVAN|TR-TATVAN', require_countries='IR|TR',
      forbid_countries='', forbid_locations='',
      description='Tehran - Tabriz - Razi/Kapikoy - Van - train ferry - Tatvan - Ankara (then Kars or Derince/Istanbul)'),
 dict(id='trans-afghan', name='Trans-Afghan railway (planned)', via_any='AF-MAZAR', require_countries='AF|PK', forbid_countries='', forbid_locations='',
      description='Termez - Mazar-i-Sharif - Kabul/Logar - Kharlachi or Peshawar; only routable after planned_links.csv is merged (no operating AF-PK link)'),
]

# ---------------------------------------------------------------- distributions
DIST = []
for tgt in ['border:BYBQT>PLMAA', 'border:PLMAA>BYBQT']:
    DIST.append(dict(target=tgt, months='', kind='lognormal', value='', min='', mode='', max='', median=60, p90=240, values='',
                     sources='*:c16_d_bcp_by_pl|*:c16_railtech2018_malaszewicze|*:c16_silkroadsummit2021_malaszewicze'))
DIST.append(dict(target='border:KZGUW>RUASF', months='', kind='empirical', value='', min='', mode='', max='', median='', p90='',
                 values='47.0|49.5|52.0|47.4|51.8', sources='values:rel_d_bcp_kz_other_years|*:rel_cpmm2020_kz|*:rel_cpmm2022_kz_t37|*:rel_cpmm2023_kz|*:cpmm2022_carec'))
DIST.append(dict(target='border:RUASF>KZGUW', months='', kind='empirical', value='', min='', mode='', max='', median='', p90='',
                 values='85.2|95.0|102.4|118.6|118.6', sources='values:rel_d_bcp_kz_other_years|*:rel_cpmm2020_kz|*:rel_cpmm2022_kz_t37|*:rel_cpmm2023_kz|*:cpmm2022_carec'))
for loc, med, p90, src in [('PLMAA', 8, 48, 'c16_d_gauge_malaszewicze'), ('BYBQT', 8, 48, 'c16_d_gauge_malaszewicze'), ('IR-SARAKHS', 24, 72, 'c16_d_gauge_sarakhs')]:
    for fl, tl in [('rail1520', 'rail1435'), ('rail1435', 'rail1520')]:
        DIST.append(dict(target=f'transfer:{loc}:{fl}>{tl}', months='', kind='lognormal', value='', min='', mode='', max='', median=med, p90=p90,
                         values='', sources=f'*:rel_d_transfer_lognormal|*:{src}'))

# ---------------------------------------------------------------- write
def write(name, rows, hdr=None):
    hdr = (hdr or HDR[name]).split(',')
    with open(os.path.join(OUT, name + '.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=hdr, lineterminator='\n')
        w.writeheader()
        for r in rows:
            assert set(r) == set(hdr), (name, set(r) ^ set(hdr))
            w.writerow({k: ('' if r[k] is None else r[k]) for k in hdr})
locrow = lambda l: dict(id=l[0], name=l[1], aliases=l[2], country=l[3], lat=l[4], lon=l[5], kind=l[6], disruption_probability='',
                        sources=f'lat:{l[7]}|lon:{l[7]}')
write('locations', [locrow(l) for l in LOC])
write('planned_locations', [locrow(l) for l in PLANNED_LOC], HDR['locations'])
write('links', LINKS)
write('planned_links', PLINKS, HDR['links'])
write('borders', BORD)
write('planned_borders', PBORD, HDR['borders'])
write('transfers', TRF)
write('planned_transfers', PTRF, HDR['transfers'])
write('countries', COUN)
write('corridors', CORR)
write('distributions', DIST)
open(os.path.join(OUT, 'tools', 'derivations.txt'), 'w').write('\n'.join(DER) + '\n')
print('\n'.join(DER))
print('rows:', {k: len(v) for k, v in dict(locations=LOC, planned_locations=PLANNED_LOC, links=LINKS, planned_links=PLINKS, borders=BORD,
      planned_borders=PBORD, transfers=TRF, planned_transfers=PTRF, countries=COUN, corridors=CORR, distributions=DIST).items()})
